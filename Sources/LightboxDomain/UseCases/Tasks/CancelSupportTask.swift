import Foundation

/// Takes a task off the board with a reason (the patient went home, the ward brought them): only a task still to
/// be done. Audited ("task.cancelled") with the reason.
public struct CancelSupportTask: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var taskID: UUID
        public var reason: String

        public init(taskID: UUID, reason: String) {
            self.taskID = taskID
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<SupportTask> {
        try environment.policy.require(actor, .requestTask)
        let now = environment.clock.now()
        let cancel = SupportTaskChange(action: "task.cancelled")
        return try await cancel(command.taskID, by: actor, in: environment, at: now) { task, _ in
            let reason = command.reason.trimmed
            guard !reason.isEmpty, reason.count <= RequestSupportTask.maximumDetailsLength else {
                throw DomainError(
                    .validationFailed, "Say why the task is cancelled.",
                    fields: [
                        FieldProblem(
                            "reason",
                            reason.isEmpty
                                ? "is empty" : "is longer than \(RequestSupportTask.maximumDetailsLength) characters")
                    ])
            }
            guard task.status.isActive else {
                throw DomainError(
                    .taskNotOpen, "The task is already \(task.status.label.lowercased()); it cannot be cancelled.")
            }
            task.status = .cancelled
            task.cancelledAt = now
            task.cancelledBy = actor.username
            task.cancelReason = reason
            task.history.append(SupportTask.Step(action: .cancelled, at: now, by: actor.username, note: reason))
            return "\(task.kind.label): \(task.details); reason: \(reason)"
        }
    }
}
