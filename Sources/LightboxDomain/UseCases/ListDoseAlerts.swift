import Foundation

/// The physicist's queue of dose alerts, newest first: open ones by default, or all (audited
/// "dose.alerts-read": the list names patients' exams).
public struct ListDoseAlerts: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var openOnly: Bool
        public var limit: Int

        public init(openOnly: Bool = true, limit: Int = 200) {
            self.openOnly = openOnly
            self.limit = limit
        }
    }

    /// At most this many alerts per page.
    public static let maximumLimit = 1_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> [DoseAlert] {
        try environment.policy.require(actor, .viewDoseRegister)
        guard (1...Self.maximumLimit).contains(command.limit) else {
            throw DomainError(
                .validationFailed, "The limit must be between 1 and \(Self.maximumLimit).",
                fields: [FieldProblem("limit", "must be between 1 and \(Self.maximumLimit)")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let alerts = try await unit.dose.alerts(openOnly: command.openOnly, limit: command.limit)
            try await unit.record(
                actor, "dose.alerts-read", patientID: nil, examID: nil, at: now,
                "Listed \(alerts.count) \(command.openOnly ? "open " : "")dose alert(s).")
            return alerts
        }
    }
}
