import Foundation

/// One exam: the request and its whole journey, with the history of every step.
public struct Exam: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    /// Accession number (at most 16 characters: DICOM SH), derived from the id.
    public var accessionNumber: String
    public var patientID: UUID
    public var referrerID: UUID
    public var examCode: String
    public var examName: String
    public var modality: Modality
    public var bodyRegion: BodyRegion
    public var laterality: Laterality
    public var clinicalQuestion: String
    public var priority: Priority
    public var patientSource: PatientSource?
    /// Where the patient is (ward, ED bay). Shown to staff; never counted as an identifier.
    public var location: String?
    public var pregnancyStatusOnRequest: PregnancyAnswer?
    public var research: ResearchDetails?
    public var requestIdentifiers: RequestIdentifiers
    public var requestedAt: Date
    public var state: ExamState
    public var justification: JustificationRecord?
    public var booking: Booking?
    public var arrivedAt: Date?
    public var pauseAndCheck: PauseAndCheckRecord?
    public var performance: PerformanceRecord?
    public var imageChecks: [ImageCheckRecord]
    public var dischargedAt: Date?
    public var report: ReportRecord?
    /// The reason given for cancellation, did-not-attend or re-booking (the latest).
    public var closureReason: String?
    public var history: [ExamStep]

    public init(
        id: UUID, accessionNumber: String, patientID: UUID, referrerID: UUID, examCode: String, examName: String,
        modality: Modality, bodyRegion: BodyRegion, laterality: Laterality, clinicalQuestion: String,
        priority: Priority, patientSource: PatientSource?, location: String?,
        pregnancyStatusOnRequest: PregnancyAnswer?, research: ResearchDetails?,
        requestIdentifiers: RequestIdentifiers, requestedAt: Date, state: ExamState = .requested,
        justification: JustificationRecord? = nil, booking: Booking? = nil, arrivedAt: Date? = nil,
        pauseAndCheck: PauseAndCheckRecord? = nil, performance: PerformanceRecord? = nil,
        imageChecks: [ImageCheckRecord] = [], dischargedAt: Date? = nil, report: ReportRecord? = nil,
        closureReason: String? = nil,
        history: [ExamStep] = []
    ) {
        self.id = id
        self.accessionNumber = accessionNumber
        self.patientID = patientID
        self.referrerID = referrerID
        self.examCode = examCode
        self.examName = examName
        self.modality = modality
        self.bodyRegion = bodyRegion
        self.laterality = laterality
        self.clinicalQuestion = clinicalQuestion
        self.priority = priority
        self.patientSource = patientSource
        self.location = location
        self.pregnancyStatusOnRequest = pregnancyStatusOnRequest
        self.research = research
        self.requestIdentifiers = requestIdentifiers
        self.requestedAt = requestedAt
        self.state = state
        self.justification = justification
        self.booking = booking
        self.arrivedAt = arrivedAt
        self.pauseAndCheck = pauseAndCheck
        self.performance = performance
        self.imageChecks = imageChecks
        self.dischargedAt = dischargedAt
        self.report = report
        self.closureReason = closureReason
        self.history = history
    }

    /// "LB" and the last 14 hex digits of the id (56 random bits of a version-4 UUID; the leading
    /// digits hold the version), so it fits DICOM SH (16 characters). Stores keep it unique.
    public static func accessionNumber(for id: UUID) -> String {
        "LB" + String(id.uuidString.replacingOccurrences(of: "-", with: "").suffix(14))
    }
}
