import Foundation

/// Records a lead apron's integrity check: a pass sets the next due date a check interval on; a failure withdraws
/// the apron from use. Audited.
public struct RecordApronCheck: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var apronID: UUID
        public var checkedOn: Date
        public var method: ApronCheck.Method
        public var passed: Bool
        public var findings: String?

        public init(apronID: UUID, checkedOn: Date, method: ApronCheck.Method, passed: Bool, findings: String? = nil) {
            self.apronID = apronID
            self.checkedOn = checkedOn
            self.method = method
            self.passed = passed
            self.findings = findings
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<ApronCheck> {
        try environment.policy.require(actor, .manageStock)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            guard var apron = try await unit.stock.get(LeadApron.self, command.apronID) else {
                throw DomainError.notFound("lead apron", command.apronID)
            }
            var problems: [FieldProblem] = []
            if command.checkedOn > now { problems.append(FieldProblem("checkedOn", "is in the future")) }
            if !command.passed && (command.findings ?? "").trimmed.isEmpty {
                problems.append(FieldProblem("findings", "describe the defect found"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The apron check is incomplete.", fields: problems)
            }
            let check = ApronCheck(
                id: id, apronID: apron.id, checkedOn: command.checkedOn, method: command.method,
                passed: command.passed, findings: command.findings?.trimmed.nilIfEmpty, checkedBy: actor.username)
            try await unit.stock.insert(check)
            apron.lastCheckedOn = command.checkedOn
            if command.passed {
                apron.nextCheckDue = command.checkedOn + TimeInterval(configuration.leadApronCheckIntervalDays) * 86_400
            } else {
                apron.inService = false
            }
            try await unit.stock.update(apron)
            try await unit.record(
                actor, "apron.checked", patientID: nil, examID: nil, at: now,
                "Lead apron \(apron.identifier) \(command.method.label.lowercased()) check: "
                    + (command.passed ? "pass" : "fail, withdrawn from use: \(check.findings ?? "")"))
            return Outcome(check, events: [DomainEvent(name: "apron.checked", subjectID: id.uuidString, at: now)])
        }
    }
}
