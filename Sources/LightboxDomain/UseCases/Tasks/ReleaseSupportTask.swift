import Foundation

/// The support worker who claimed a task gives it back to the board (called away, end of shift), saying why when
/// they wish. Only the one who holds it may release it. Audited ("task.released").
public struct ReleaseSupportTask: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var taskID: UUID
        public var note: String?

        public init(taskID: UUID, note: String? = nil) {
            self.taskID = taskID
            self.note = note
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<SupportTask> {
        try environment.policy.require(actor, .workTasks)
        let now = environment.clock.now()
        let release = SupportTaskChange(action: "task.released")
        return try await release(command.taskID, by: actor, in: environment, at: now) { task, _ in
            guard task.status == .claimed else {
                throw DomainError(
                    .taskNotOpen, "The task is \(task.status.label.lowercased()); only a claimed task is released.")
            }
            guard task.claimedBy == actor.username else {
                throw DomainError(
                    .taskClaimedByOther,
                    "\(task.claimedBy ?? "Someone else") has claimed this task; only they can release it.")
            }
            let note = try SupportTaskChange.note(command.note)
            task.status = .open
            task.claimedBy = nil
            task.claimedByStaffID = nil
            task.claimedAt = nil
            task.history.append(SupportTask.Step(action: .released, at: now, by: actor.username, note: note))
            return "\(task.kind.label): \(task.details)" + (note.map { " (\($0))" } ?? "")
        }
    }
}
