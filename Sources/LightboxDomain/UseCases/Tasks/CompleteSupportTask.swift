import Foundation

/// Marks a task done, by the support worker who claimed it (or anyone who may work tasks, when it is still open).
/// A room clean is logged on the room's cleaning log by the same action, through `RecordCleaning`'s rule (the
/// method is then required, and the room takes its next exam again); a transfer, chaperone, top-up or free task
/// takes an optional note. Audited ("task.done", and "room.cleaned" for a clean).
public struct CompleteSupportTask: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var taskID: UUID
        /// What was done: for a room clean, how the room was cleaned (required); otherwise optional.
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
        let cleaningID = environment.ids.next()
        let complete = SupportTaskChange(
            action: "task.done", auditedExam: { $0.examID ?? $0.cleaningAfter?.examID })
        return try await complete(command.taskID, by: actor, in: environment, at: now) { task, unit in
            try SupportTaskTransitions.requireDoable(task, by: actor)
            if task.kind == .cleaning, let roomID = task.roomID {
                let note = command.note?.trimmed.nilIfEmpty
                try environment.policy.require(actor, .recordCleaning)
                // The clean is logged exactly as the cleaning log's own form logs it; its field is the note.
                let record: CleaningRecord
                do {
                    record = try await RecordCleaning.log(
                        roomID: roomID, method: note ?? "", id: cleaningID, actor: actor, at: now, in: unit)
                } catch let error as DomainError where error.code == .validationFailed {
                    throw DomainError(
                        .validationFailed, "Say how the room was cleaned.",
                        fields: error.fields.map { FieldProblem("note", $0.problem, code: $0.code) })
                }
                task.finish(outcome: record.method, cleaningRecordID: record.id, by: actor, at: now)
                try await SupportTaskRules.closeCleaningTasks(
                    roomID: roomID, by: record, except: task.id, actor: actor, at: now, in: unit)
            } else {
                task.finish(outcome: try SupportTaskChange.note(command.note), by: actor, at: now)
            }
            return "\(task.kind.label): \(task.details)" + (task.outcome.map { "; done: \($0)" } ?? "")
        }
    }
}
