import Foundation

/// The patient did not attend their appointment (reason: for example no contact, declined on the day).
public struct RecordDidNotAttend: Sendable {
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
        try environment.policy.require(actor, .recordDidNotAttend)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            try await ClosingStep.close(
                .didNotAttend, examID: command.examID, reason: command.reason, unit: unit, actor: actor, at: now)
        }
    }
}
