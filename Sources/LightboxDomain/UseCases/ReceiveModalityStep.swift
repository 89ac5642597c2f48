import Foundation

/// What a modality's performed procedure step messages (PS3.4 Annex F) do, whatever exam they name. A step for an
/// exam Lightbox has runs the same use cases as the desk (``StartExam/fromModality(_:by:)``,
/// ``CompleteExam/fromModality(_:by:)``, ``DiscontinueExam/fromModality(_:by:)``, ``RecordModalityStepProgress``).
/// A step for an exam Lightbox does not know — no exam has its accession number or Study Instance UID — cannot be
/// refused either (the modality has exposed the patient): it is accepted and held on the reconciliation list
/// (``HeldModalityStep``, audited `mpps.held`), its N-SETs recorded there, until a radiographer links it to its
/// exam, which then follows it (``ReconcileModalityStep``), or rejects it.
public struct ReceiveModalityStep: Sendable {
    /// Where a message went.
    public enum Receipt: Sendable, Equatable {
        /// The exam the step belongs to, as the message left it.
        case exam(Exam)
        /// The step held for reconciliation, as the message left it.
        case held(HeldModalityStep)
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// N-CREATE IN PROGRESS (PS3.4 §F.7.2.1): the exam named is started; with no exam named, the step is held.
    /// A step UID already used (on an exam or held) is a duplicate; an exam that is not booked is refused.
    public func created(_ start: ModalityStart, subject: HeldModalityStep.Subject, by actor: Actor) async throws
        -> Receipt
    {
        try environment.policy.require(actor, .recordModalityStep)
        let now = environment.clock.now()
        let ids = environment.ids
        return try await environment.store.transaction { unit in
            try await StartExam.requireNewModalityStep(start.sopInstanceUID, unit: unit)
            if let exam = try await StartExam.namedExam(
                accessionNumber: start.accessionNumber, studyInstanceUID: start.studyInstanceUID, unit: unit)
            {
                return .exam(
                    try await StartExam.startedByModality(start, exam: exam, unit: unit, actor: actor, at: now).value)
            }
            let named = [
                start.accessionNumber.map { "accession number \($0)" }, start.studyInstanceUID.map { "study \($0)" },
            ].compactMap { $0 }
            let step = HeldModalityStep(
                id: ids.next(), start: start, subject: subject,
                detail: "No exam matches "
                    + (named.isEmpty
                        ? "a step that names no accession number or study" : named.joined(separator: " or "))
                    + "; held for a radiographer to link.",
                receivedAt: now, updatedAt: now)
            try await unit.heldModalitySteps.insert(step)
            try await unit.record(
                actor, "mpps.held", patientID: nil, examID: nil, at: now,
                "Performed procedure step \(start.sopInstanceUID) from \(start.stationAETitle) for "
                    + Self.describe(subject) + ": \(step.detail)")
            return .held(step)
        }
    }

    /// N-SET (PS3.4 §F.7.2.2) with the status it sets (nil or IN PROGRESS: progress; COMPLETED; DISCONTINUED): on
    /// the exam that has the step, else on the held step. Unknown step `mpps.unknown-instance`; a step already
    /// COMPLETED or DISCONTINUED `mpps.closed`.
    public func updated(_ end: ModalityStepEnd, status: ModalityProcedureStep.Status, by actor: Actor) async throws
        -> Receipt
    {
        try environment.policy.require(actor, .recordModalityStep)
        let now = environment.clock.now()
        let environment = self.environment
        return try await environment.store.transaction { unit in
            if try await unit.exams.find(modalityStepUID: end.sopInstanceUID) != nil {
                let exam = try await unit.examOfOpenModalityStep(end.sopInstanceUID)
                return .exam(
                    try await Self.apply(
                        end, status: status, to: exam, environment: environment, unit: unit, actor: actor, at: now
                    )
                    .value)
            }
            guard var step = try await unit.heldModalitySteps.find(sopInstanceUID: end.sopInstanceUID) else {
                throw DomainError(.modalityStepUnknown, "No performed procedure step \(end.sopInstanceUID) is known.")
            }
            guard step.status == .inProgress else {
                throw DomainError(
                    .modalityStepClosed,
                    "The performed procedure step \(end.sopInstanceUID) is \(step.status.rawValue) and may no longer be changed."
                )
            }
            guard step.updates.count < HeldModalityStep.maximumUpdates else {
                throw DomainError(
                    .validationFailed,
                    "The held performed procedure step \(end.sopInstanceUID) already has \(HeldModalityStep.maximumUpdates) updates."
                )
            }
            step.updates.append(HeldModalityStep.Update(status: status, end: end, receivedAt: now))
            step.status = status
            step.updatedAt = now
            try await unit.heldModalitySteps.update(step)
            try await unit.record(
                actor, "mpps.held-updated", patientID: nil, examID: nil, at: now,
                "Held performed procedure step \(end.sopInstanceUID) set \(status.rawValue) by the modality.")
            return .held(step)
        }
    }

    /// One N-SET applied to the exam that has the step, in the caller's transaction.
    static func apply(
        _ end: ModalityStepEnd, status: ModalityProcedureStep.Status, to exam: Exam,
        environment: DepartmentEnvironment, unit: any UnitOfWork, actor: Actor, at now: Date
    ) async throws -> Outcome<Exam> {
        switch status {
        case .inProgress:
            return try await RecordModalityStepProgress.recorded(end, exam: exam, unit: unit, actor: actor, at: now)
        case .completed:
            return try await CompleteExam.completedByModality(
                end, exam: exam, environment: environment, unit: unit, actor: actor, at: now)
        case .discontinued:
            return try await DiscontinueExam.discontinuedByModality(
                end, exam: exam, environment: environment, unit: unit, actor: actor, at: now)
        }
    }

    static func describe(_ subject: HeldModalityStep.Subject) -> String {
        let parts = [
            subject.patientName.map { "patient \($0)" }, subject.patientID.map { "ID \($0)" },
            subject.patientBirthDate.map { "born \($0)" },
        ].compactMap { $0 }
        return parts.isEmpty ? "a patient the modality does not name" : parts.joined(separator: ", ")
    }
}
