import Foundation

extension UnitOfWork {
    /// The exam of an open performed procedure step: unknown UID → `mpps.unknown-instance`; a step
    /// already COMPLETED or DISCONTINUED → `mpps.closed` (PS3.4 §F.7.2.2: it may no longer be updated).
    func examOfOpenModalityStep(_ sopInstanceUID: String) async throws -> Exam {
        guard let exam = try await exams.find(modalityStepUID: sopInstanceUID), let step = exam.modalityStep,
            step.sopInstanceUID == sopInstanceUID
        else {
            throw DomainError(.modalityStepUnknown, "No performed procedure step \(sopInstanceUID) is known.")
        }
        guard step.status == .inProgress else {
            throw DomainError(
                .modalityStepClosed,
                "The performed procedure step \(sopInstanceUID) is \(step.status.rawValue) and may no longer be changed."
            )
        }
        return exam
    }
}
