import Foundation

/// Reports a possible significant accidental or unintended exposure: the classifier proposes its category with the
/// arithmetic, under the criteria in force (IR(ME)R 2017 reg. 8(4)); the case waits for the physicist. Audited
/// (`saue.reported`). The summary must not name the patient: it travels in the notification.
public struct ReportSAUE: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        /// The exam exposed, when there is one (its patient's age and the exam type are taken from the record).
        public var examID: UUID?
        /// The day it happened; today (department time) when absent.
        public var occurredOn: CalendarDate?
        /// What happened, naming no patient.
        public var summary: String
        public var incident: SAUEIncident

        public init(examID: UUID?, occurredOn: CalendarDate?, summary: String, incident: SAUEIncident) {
            self.examID = examID
            self.occurredOn = occurredOn
            self.summary = summary
            self.incident = incident
        }
    }

    /// The longest summary accepted.
    public static let maximumSummaryLength = 4_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> SAUECase {
        try environment.policy.require(actor, .reportSAUE)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            try await report(command, by: actor, id: id, at: now, in: unit)
        }
    }

    /// The report inside the caller's transaction (an incident opens its dose case in its own: `LinkIncidentSAUE`).
    func report(_ command: Command, by actor: Actor, id: UUID, at now: Date, in unit: any UnitOfWork) async throws
        -> SAUECase
    {
        let configuration = try await environment.configuration(at: now, in: unit)
        let today = CalendarDate(now, in: configuration.timeZone)
        let occurredOn = command.occurredOn ?? today
        var problems: [FieldProblem] = []
        if occurredOn > today { problems.append(FieldProblem("occurredOn", "must not be in the future")) }
        var incident = command.incident
        var exam: Exam?
        var patient: Patient?
        if let examID = command.examID {
            let found = try await unit.exam(examID)
            exam = found
            patient = try await unit.patient(found.patientID)
            if let age = patient?.age(on: occurredOn) { incident.patientAgeYears = age }
        }
        let summary = command.summary.trimmed
        if summary.isEmpty {
            problems.append(FieldProblem("summary", "say what happened"))
        } else if summary.count > Self.maximumSummaryLength {
            problems.append(FieldProblem("summary", "must be at most \(Self.maximumSummaryLength) characters"))
        } else if let patient, let named = Self.identifier(of: patient, in: summary) {
            problems.append(
                FieldProblem("summary", "names the patient (\(named)); the notification must not identify them"))
        }
        let classifier = SAUEClassifier(criteria: configuration.saueCriteria)
        problems += classifier.problems(with: incident).map {
            FieldProblem("incident.\($0.field)", $0.problem, code: $0.code)
        }
        guard problems.isEmpty else {
            throw DomainError.problems(
                problems, fallback: .validationFailed, message: "The report is not complete.")
        }
        let proposal = try classifier.classify(incident)
        let saueCase = SAUECase(
            id: id, examID: exam?.id, patientID: exam?.patientID, occurredOn: occurredOn, modality: exam?.modality,
            examName: exam?.examName, summary: summary, incident: incident, proposal: proposal,
            reportedBy: actor.username, reportedAt: now)
        try await unit.saueCases.insert(saueCase)
        let verdict =
            proposal.proposed.map { "proposed code \($0.code) (\($0.label))" } ?? "proposed not notifiable"
        try await unit.record(
            actor, "saue.reported", patientID: exam?.patientID, examID: exam?.id, at: now,
            "SAUE case \(saueCase.reference) (\(incident.kind.rawValue)) \(verdict): "
                + proposal.findings.map(\.arithmetic).joined(separator: "; "))
        return saueCase
    }

    /// The first of the patient's identifiers that `text` contains: family name, a given name, NHS number or a
    /// hospital number (case and spacing ignored; names shorter than three letters are too common to refuse, numbers shorter than two characters).
    static func identifier(of patient: Patient, in text: String) -> String? {
        let words = Set(
            text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" })
                .map(String.init))
        let compact = text.filter { !$0.isWhitespace && $0 != "-" }.lowercased()
        let names = [patient.name.family] + patient.name.given
        if let name = names.map({ $0.lowercased() }).first(where: { $0.count >= 3 && words.contains($0) }) {
            return "name \(name)"
        }
        if let nhs = patient.nhsNumber, compact.contains(nhs.digits) { return "NHS number" }
        if patient.hospitalNumbers.contains(where: { $0.value.count >= 2 && compact.contains($0.value.lowercased()) }) {
            return "hospital number"
        }
        return nil
    }
}
