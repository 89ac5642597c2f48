import Foundation

/// Closes an incident with the investigation's conclusion. Needs an investigation with findings; while a party of
/// the duty of candour has not been told (the referrer, practitioner or patient of an incident that reached a
/// patient), the closure must say why they need not be. Audited (`incident.closed`).
public struct CloseIncident: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var incidentID: UUID
        public var closure: String
        /// Why the parties not contacted need not be (required only while some are outstanding).
        public var candourNotNeededReason: String?

        public init(incidentID: UUID, closure: String, candourNotNeededReason: String? = nil) {
            self.incidentID = incidentID
            self.closure = closure
            self.candourNotNeededReason = candourNotNeededReason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Incident> {
        try environment.policy.require(actor, .manageIncidents)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var incident = try await unit.openIncident(command.incidentID)
            guard var investigation = incident.investigation, investigation.findings != nil else {
                throw DomainError(
                    .transitionNotAllowed,
                    "Record the investigation's owner and findings before closing \(incident.reference).")
            }
            let closure = command.closure.trimmed
            let reason = IncidentText.optional(command.candourNotNeededReason)
            var problems = IncidentText.problems("closure", closure, required: "say what the investigation concluded")
            let outstanding = incident.candourOutstanding
            if !outstanding.isEmpty && reason == nil {
                problems.append(
                    FieldProblem(
                        "candourNotNeededReason",
                        "record the contacts with "
                            + outstanding.map(\.phrase).joined(separator: ", ")
                            + " first, or say why they need not be told"))
            }
            problems += IncidentText.problems("candourNotNeededReason", reason ?? "", required: nil)
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The incident cannot be closed yet.", fields: problems)
            }
            investigation.closure = closure
            investigation.closedAt = now
            investigation.closedBy = actor.username
            investigation.candourNotNeededReason = outstanding.isEmpty ? nil : reason
            incident.investigation = investigation
            try await unit.incidents.update(incident)
            try await unit.record(
                actor, "incident.closed", patientID: incident.patientID, examID: incident.examID, at: now,
                "\(incident.reference): \(closure)"
                    + (investigation.candourNotNeededReason.map {
                        "; not told (\(outstanding.map(\.rawValue).joined(separator: ", "))): \($0)"
                    } ?? ""))
            return Outcome(
                incident, events: [DomainEvent(name: "incident.closed", subjectID: incident.id.uuidString, at: now)])
        }
    }
}
