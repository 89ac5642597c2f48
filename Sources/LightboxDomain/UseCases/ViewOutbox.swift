import Foundation

/// The interface outbox, for the queue view: what is waiting, how often it was tried, the last error.
public struct ViewOutbox: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var destination: String?
        public var pendingOnly: Bool
        public var limit: Int

        public init(destination: String? = nil, pendingOnly: Bool = false, limit: Int = 200) {
            self.destination = destination
            self.pendingOnly = pendingOnly
            self.limit = limit
        }
    }

    public static let maximumLimit = 1000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<[OutboxMessage]> {
        try environment.policy.require(actor, .viewAudit)
        guard (1...Self.maximumLimit).contains(command.limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(Self.maximumLimit) messages.",
                fields: [FieldProblem("limit", "must be 1 to \(Self.maximumLimit)")])
        }
        return try await environment.store.transaction { unit in
            Outcome(
                try await unit.outbox.list(
                    destination: command.destination, pendingOnly: command.pendingOnly, limit: command.limit),
                events: [])
        }
    }
}
