import Foundation

/// One step a person takes on a task on the board (release, done, cancel), once the use case has checked that the
/// person may take it: in one transaction the task is loaded (refused when there is none), the step checks and
/// changes it, the task is stored, the step is audited against its patient and exam, and the board's event is
/// published. Each step keeps its own checks and wording.
struct SupportTaskChange: Sendable {
    /// The audited action ("task.released").
    var action: String
    /// The exam the audit entry names; a room clean is audited against the exam it follows.
    var auditedExam: @Sendable (SupportTask) -> UUID? = { $0.examID }

    /// Runs the step on the task `taskID`; `change` checks and alters the task and returns the audit entry's
    /// detail.
    func callAsFunction(
        _ taskID: UUID, by actor: Actor, in environment: DepartmentEnvironment, at now: Date,
        _ change: @escaping @Sendable (inout SupportTask, any UnitOfWork) async throws -> String
    ) async throws -> Outcome<SupportTask> {
        try await environment.store.transaction { [self] unit in
            var task = try await unit.supportTask(taskID)
            let detail = try await change(&task, unit)
            try await unit.tasks.update(task)
            try await unit.record(
                actor, action, patientID: task.patientID, examID: auditedExam(task), at: now, detail)
            return Outcome(task, events: [SupportTaskRules.event(task, at: now)])
        }
    }

    /// The optional note a worker adds to a step, trimmed, refused when longer than a task's details may be.
    static func note(_ text: String?) throws(DomainError) -> String? {
        let note = text?.trimmed.nilIfEmpty
        if let note, note.count > RequestSupportTask.maximumDetailsLength {
            throw DomainError(
                .validationFailed, "The note is too long.",
                fields: [FieldProblem("note", "is longer than \(RequestSupportTask.maximumDetailsLength) characters")])
        }
        return note
    }
}
