import Foundation

/// Applies one action of the state machine (`ExamAction`) to an exam, recording the step.
enum ExamTransition {
    /// Refuses any action the machine does not allow from the exam's current state.
    static func check(_ action: ExamAction, _ exam: Exam) throws(DomainError) {
        guard action.allowedFrom.contains(exam.state) else {
            let allowed = ExamState.allCases.filter { action.allowedFrom.contains($0) }.map(\.label)
            throw DomainError(
                .transitionNotAllowed,
                "Cannot \(action.label): the exam is \(exam.state.label). "
                    + "That is only possible when it is \(allowed.joined(separator: " or ")).")
        }
    }

    /// Moves the exam to the action's target state, appends the history step and returns the event.
    static func apply(
        _ action: ExamAction, to exam: inout Exam, at moment: Date, by actor: Actor, roomID: UUID? = nil,
        note: String? = nil
    ) throws(DomainError) -> DomainEvent {
        try check(action, exam)
        let from = exam.state
        exam.state = action.target
        exam.history.append(
            ExamStep(
                action: action, from: from, to: action.target, at: moment, actor: actor, roomID: roomID, note: note))
        return DomainEvent(
            name: action.auditCode, patientID: exam.patientID, examID: exam.id, fromState: from,
            toState: action.target, at: moment)
    }
}
