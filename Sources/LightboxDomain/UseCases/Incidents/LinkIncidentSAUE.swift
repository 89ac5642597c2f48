import Foundation

/// Ties an incident to the dose register's classification of a significant accidental or unintended exposure:
/// either links a dose incident (SAUE) case already reported, or opens one from the incident, in the same
/// transaction, through `ReportSAUE`'s rules (the classifier proposes, the physicist decides; the summary must not
/// name the patient). One case per incident, and one incident per case. Audited (`incident.saue-linked`, and
/// `saue.reported` for a new case).
public struct LinkIncidentSAUE: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var incidentID: UUID
        /// An existing case to link; or, instead, `exposure` (and `summary`) to open one.
        public var saueCaseID: UUID?
        /// The doses as estimated, for a new case (its exam and date are the incident's).
        public var exposure: SAUEIncident?
        /// What happened, naming no patient, for a new case.
        public var summary: String?

        public init(incidentID: UUID, saueCaseID: UUID? = nil, exposure: SAUEIncident? = nil, summary: String? = nil) {
            self.incidentID = incidentID
            self.saueCaseID = saueCaseID
            self.exposure = exposure
            self.summary = summary
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Incident> {
        try environment.policy.require(actor, .manageIncidents)
        try environment.policy.require(actor, .reportSAUE)
        let now = environment.clock.now()
        let newID = environment.ids.next()
        return try await environment.store.transaction { unit in
            var incident = try await unit.openIncident(command.incidentID)
            if let linked = incident.saueCaseID {
                let reference = try await unit.saueCases.get(linked)?.reference ?? linked.uuidString
                throw DomainError(
                    .transitionNotAllowed, "Incident \(incident.reference) is already linked to \(reference).")
            }
            let saueCase: SAUECase
            switch (command.saueCaseID, command.exposure) {
            case (let caseID?, nil):
                guard let found = try await unit.saueCases.get(caseID) else {
                    throw DomainError(
                        .validationFailed, "The dose incident case was not found.",
                        fields: [FieldProblem("saueCaseID", "no dose incident case has this id")])
                }
                if let caseExam = found.examID, let incidentExam = incident.examID, caseExam != incidentExam {
                    throw DomainError(
                        .validationFailed, "The case is about another exam.",
                        fields: [FieldProblem("saueCaseID", "\(found.reference) is about another exam")])
                }
                let others = try await unit.incidents.list(IncidentQuery(saueCaseID: caseID, limit: 1))
                if let other = others.first {
                    throw DomainError(
                        .validationFailed, "The case belongs to another incident.",
                        fields: [FieldProblem("saueCaseID", "\(found.reference) is linked to \(other.reference)")])
                }
                saueCase = found
            case (nil, let exposure?):
                let configuration = try await environment.configuration(at: now, in: unit)
                saueCase = try await ReportSAUE(environment).report(
                    ReportSAUE.Command(
                        examID: incident.examID,
                        occurredOn: CalendarDate(incident.occurredAt, in: configuration.timeZone),
                        summary: command.summary ?? "", incident: exposure),
                    by: actor, id: newID, at: now, in: unit)
            default:
                throw DomainError(
                    .validationFailed, "Link a dose incident case or open one, not both.",
                    fields: [FieldProblem("saueCaseID", "give either an existing case or the exposure of a new one")])
            }
            incident.saueCaseID = saueCase.id
            try await unit.incidents.update(incident)
            try await unit.record(
                actor, "incident.saue-linked", patientID: incident.patientID, examID: incident.examID, at: now,
                "\(incident.reference) linked to \(saueCase.reference) (\(saueCase.status.label))")
            return Outcome(
                incident,
                events: [DomainEvent(name: "incident.saue-linked", subjectID: incident.id.uuidString, at: now)])
        }
    }
}
