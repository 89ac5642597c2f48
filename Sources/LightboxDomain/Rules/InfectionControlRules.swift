import Foundation

/// Infection control in the rooms (DOMAIN.md "Infection control"): an isolation patient's exam makes the room's
/// clean due, and no other exam starts there until the clean is logged. Applied by `StartExam.start`, so the rule
/// holds whichever door starts the exam (the pages, the API, a modality's MPPS).
enum InfectionControlRules {
    /// Refuses to start `exam` in `room` while the room waits for a clean after another exam.
    static func requireCleaned(_ room: Room, before exam: Exam) throws(DomainError) {
        guard let due = room.cleaningDue, due.examID != exam.id else { return }
        throw DomainError(
            .roomCleaningDue,
            "\(room.name) must be cleaned after an isolation patient (\(due.precaution.label.lowercased()), "
                + "exam \(due.accessionNumber)) before the next exam starts; log the clean first.",
            fields: [FieldProblem("roomID", "room waiting for its clean", code: .roomCleaningDue)])
    }

    /// The clean an isolation exam started in `room` makes due (nil when the exam is not flagged).
    static func cleaningDue(after exam: Exam, at now: Date) -> CleaningDue? {
        guard let isolation = exam.isolation else { return nil }
        return CleaningDue(
            examID: exam.id, accessionNumber: exam.accessionNumber, precaution: isolation.precaution, since: now)
    }
}
