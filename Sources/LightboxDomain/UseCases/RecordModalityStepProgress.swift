import Foundation

/// A modality updates its performed procedure step while it is in progress (MPPS N-SET without a final
/// status, PS3.4 §F.7.2.2): the series and dose figures it sends replace those it sent before, and are
/// used when the step is completed or discontinued by a message that carries none of its own.
public struct RecordModalityStepProgress: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: ModalityStepEnd, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .recordModalityStep)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam = try await unit.examOfOpenModalityStep(command.sopInstanceUID)
            return try await Self.recorded(command, exam: exam, unit: unit, actor: actor, at: now)
        }
    }

    /// The step's progress recorded on its exam, in the caller's transaction.
    static func recorded(
        _ command: ModalityStepEnd, exam: Exam, unit: any UnitOfWork, actor: Actor, at now: Date
    ) async throws -> Outcome<Exam> {
        var exam = exam
        guard var step = exam.modalityStep else {
            throw DomainError(
                .modalityStepUnknown, "No performed procedure step \(command.sopInstanceUID) is known.")
        }
        if let projections = command.projections { step.reportedProjections = projections }
        if let exposures = command.exposures { step.reportedExposures = exposures }
        exam.modalityStep = step
        let event = DomainEvent(
            name: "exam.modality-step-updated", patientID: exam.patientID, examID: exam.id,
            fromState: exam.state, toState: exam.state, at: now)
        let series = (step.reportedProjections ?? []).map { "\($0.name) x\($0.images)" }.joined(separator: ", ")
        try await unit.save(
            exam, events: [event], actor: actor, at: now,
            detail: "The modality updated its step (MPPS \(command.sopInstanceUID))"
                + (series.isEmpty ? "" : ": \(series)"))
        return Outcome(exam, events: [event])
    }
}
