import Foundation

/// Cancellation and did-not-attend: both need a reason and are possible only before the exam starts.
enum ClosingStep {
    static func close(
        _ action: ExamAction, examID: UUID, reason: String, unit: any UnitOfWork, actor: Actor, at now: Date
    ) async throws -> Outcome<Exam> {
        var exam = try await unit.exam(examID)
        if action == .cancel,
            [.inProgress, .completed, .imagesChecked, .discharged, .reported, .reportVerified].contains(
                exam.state)
        {
            throw DomainError(
                .transitionNotAllowed,
                "The exam has already started (it is \(exam.state.label)); it cannot be cancelled. "
                    + "Record what was done instead.")
        }
        try ExamTransition.check(action, exam)
        let reason = reason.trimmed
        guard !reason.isEmpty else {
            throw DomainError(.validationFailed, "Give a reason.", fields: [FieldProblem("reason", "is empty")])
        }
        exam.closureReason = reason
        let event = try ExamTransition.apply(
            action, to: &exam, at: now, by: actor, roomID: exam.booking?.roomID, note: reason)
        try await unit.save(exam, events: [event], actor: actor, at: now, detail: "\(action.label): \(reason)")
        return Outcome(exam, events: [event])
    }
}
