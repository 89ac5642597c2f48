import Foundation

/// A support worker takes an open task: it shows as theirs on every board until they mark it done or release it.
/// Claiming a task one already holds changes nothing; a task someone else holds, or one finished, is refused.
/// Audited ("task.claimed").
public struct ClaimSupportTask: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var taskID: UUID

        public init(taskID: UUID) {
            self.taskID = taskID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<SupportTask> {
        try environment.policy.require(actor, .workTasks)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var task = try await unit.supportTask(command.taskID)
            if task.status == .claimed && task.claimedBy == actor.username { return Outcome(task, events: []) }
            try SupportTaskTransitions.requireOpen(task, toClaimBy: actor)
            task.status = .claimed
            task.claimedBy = actor.username
            task.claimedByStaffID = actor.staffID
            task.claimedAt = now
            task.history.append(SupportTask.Step(action: .claimed, at: now, by: actor.username))
            try await unit.tasks.update(task)
            try await unit.record(
                actor, "task.claimed", patientID: task.patientID, examID: task.examID, at: now,
                "\(task.kind.label): \(task.details)")
            return Outcome(task, events: [SupportTaskRules.event(task, at: now)])
        }
    }
}
