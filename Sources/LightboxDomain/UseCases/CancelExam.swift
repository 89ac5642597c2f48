import Foundation

/// Cancels an exam that has not started, with a reason.
public struct CancelExam: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var reason: String

        public init(examID: UUID, reason: String) {
            self.examID = examID
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .cancel)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            try await ClosingStep.close(
                .cancel, examID: command.examID, reason: command.reason, unit: unit, actor: actor, at: now)
        }
    }
}
