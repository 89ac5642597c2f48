import Foundation

/// Reads the audit log (managers, auditors). Reading entries about a patient is itself audited
/// ("audit.read"), since the entries show who saw and changed their record.
public struct ViewAuditLog: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var patientID: UUID?
        public var examID: UUID?
        public var afterSequence: Int64?
        public var limit: Int

        public init(patientID: UUID? = nil, examID: UUID? = nil, afterSequence: Int64? = nil, limit: Int = 100) {
            self.patientID = patientID
            self.examID = examID
            self.afterSequence = afterSequence
            self.limit = limit
        }
    }

    /// The most entries one read returns.
    public static let maximumLimit = 1000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<[AuditEntry]> {
        try environment.policy.require(actor, .viewAudit)
        guard (1...Self.maximumLimit).contains(command.limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(Self.maximumLimit) entries.",
                fields: [FieldProblem("limit", "must be 1 to \(Self.maximumLimit)")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let entries = try await unit.audit.entries(
                patientID: command.patientID, examID: command.examID, afterSequence: command.afterSequence,
                limit: command.limit)
            if command.patientID != nil || command.examID != nil {
                try await unit.record(
                    actor, "audit.read", patientID: command.patientID, examID: command.examID, at: now,
                    "Read \(entries.count) audit entries")
            }
            return Outcome(entries, events: [])
        }
    }
}
