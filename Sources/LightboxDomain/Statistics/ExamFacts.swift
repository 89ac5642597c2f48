import Foundation

/// What the department's statistics count of one exam, derived from its journey: a store keeps these as indexed
/// columns beside the exam so that the statistics aggregate in the database instead of reading every journey.
public struct ExamFacts: Sendable, Equatable {
    public var priority: Priority
    public var patientSource: PatientSource?
    /// When the exam left the waiting list (performed, or closed without being performed: rejected, cancelled,
    /// did not attend, discontinued); nil while it still waits.
    public var waitingEndedAt: Date?
    /// When the exam was performed (started): the Diagnostic Imaging Dataset's test date.
    public var performedAt: Date?
    public var performedRoomID: UUID?
    public var operatorStaffID: UUID?
    /// Images acquired (the projections' image counts; the exposures when no projection was listed).
    public var imagesAcquired: Int
    /// Images rejected at the image checks (each reject once).
    public var imagesRejected: Int
    /// When the report was issued (verified and sent).
    public var reportIssuedAt: Date?
    /// A pregnancy status was recorded for the exam: asked at Pause and Check (or stated on the request).
    public var pregnancyStatusRecorded: Bool

    public init(
        priority: Priority, patientSource: PatientSource?, waitingEndedAt: Date?, performedAt: Date?,
        performedRoomID: UUID?, operatorStaffID: UUID?, imagesAcquired: Int, imagesRejected: Int,
        reportIssuedAt: Date?, pregnancyStatusRecorded: Bool
    ) {
        self.priority = priority
        self.patientSource = patientSource
        self.waitingEndedAt = waitingEndedAt
        self.performedAt = performedAt
        self.performedRoomID = performedRoomID
        self.operatorStaffID = operatorStaffID
        self.imagesAcquired = imagesAcquired
        self.imagesRejected = imagesRejected
        self.reportIssuedAt = reportIssuedAt
        self.pregnancyStatusRecorded = pregnancyStatusRecorded
    }

    /// The states in which an exam is on the diagnostic waiting list: requested and not yet performed or closed.
    public static let waitingStates: Set<ExamState> = [
        .requested, .justified, .returnedForInformation, .booked, .arrived, .checked,
    ]

    /// The facts of `exam` as it stands.
    public init(_ exam: Exam) {
        priority = exam.priority
        patientSource = exam.patientSource
        performedAt = exam.performance?.startedAt
        performedRoomID = exam.performance?.roomID
        operatorStaffID = exam.performance?.operatorStaffID
        if Self.waitingStates.contains(exam.state) {
            waitingEndedAt = nil
        } else {
            // Performed: the wait ended at the start. Closed unperformed: at the step that closed it.
            waitingEndedAt = exam.performance?.startedAt ?? exam.history.last?.at ?? exam.requestedAt
        }
        let projected = exam.performance?.projections.reduce(0) { $0 + max($1.images, 0) } ?? 0
        imagesAcquired = projected > 0 ? projected : (exam.performance?.exposures.count ?? 0)
        imagesRejected = exam.imageChecks.reduce(0) { $0 + $1.rejects.count }
        reportIssuedAt = exam.report?.verifiedAt
        pregnancyStatusRecorded =
            exam.pauseAndCheck?.pregnancy?.answer != nil || exam.pregnancyStatusOnRequest != nil
    }
}
