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
    public var contrastReactions: [ContrastReaction]
    /// The reason given for cancellation, did-not-attend or re-booking (the latest).
    public var closureReason: String?
    public var history: [ExamStep]
    /// The ordering system's order number (HL7 ORC-2 / OBR-2, "entity^namespace"), when ordered over an interface.
    public var placerOrderNumber: String?
    /// The filler order number the ordering system quoted (HL7 ORC-3), if any.
    public var fillerOrderNumber: String?
    /// Observations taken during the exam (contrast, sedation, fluoroscopy), oldest first.
    public var vitalSigns: [VitalSigns] = []
    /// Alerts raised by out-of-range observations, open until acknowledged.
    public var vitalSignsAlerts: [VitalSignsAlert] = []
    /// Possible findings flagged for the reporter by the operator or the image checker.
    public var findingFlags: [FindingFlag] = []
    /// The study's UID (DICOM UI), assigned once at the first booking and kept across re-booking:
    /// the worklist hands it to the modality and every image of the exam carries it.
    public var studyInstanceUID: String?
    /// The modality's performed procedure step (MPPS), once the modality has reported one.
    public var modalityStep: ModalityProcedureStep?
    /// Set when the modality started the exam outside the pathway's rules, until a radiographer resolves it.
    public var outsidePathway: OutsidePathwayRecord?
    /// The patient is on isolation: the room is cleaned after this exam before its next one starts.
    public var isolation: IsolationFlag? = nil
    /// The dose record: every source received, the chosen figures, and the comparison with the DRLs.
    public var dose: ExamDoseRecord?

    public init(
        id: UUID, accessionNumber: String, patientID: UUID, referrerID: UUID, examCode: String, examName: String,
        modality: Modality, bodyRegion: BodyRegion, laterality: Laterality, clinicalQuestion: String,
        priority: Priority, patientSource: PatientSource?, location: String?,
        pregnancyStatusOnRequest: PregnancyAnswer?, research: ResearchDetails?,
        requestIdentifiers: RequestIdentifiers, requestedAt: Date, state: ExamState = .requested,
        justification: JustificationRecord? = nil, booking: Booking? = nil, arrivedAt: Date? = nil,
        pauseAndCheck: PauseAndCheckRecord? = nil, performance: PerformanceRecord? = nil,
        imageChecks: [ImageCheckRecord] = [], dischargedAt: Date? = nil, report: ReportRecord? = nil,
        contrastReactions: [ContrastReaction] = [], closureReason: String? = nil,
        history: [ExamStep] = [], placerOrderNumber: String? = nil, fillerOrderNumber: String? = nil,
        studyInstanceUID: String? = nil, modalityStep: ModalityProcedureStep? = nil,
        outsidePathway: OutsidePathwayRecord? = nil
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
        self.contrastReactions = contrastReactions
        self.closureReason = closureReason
        self.history = history
        self.placerOrderNumber = placerOrderNumber
        self.fillerOrderNumber = fillerOrderNumber
        self.studyInstanceUID = studyInstanceUID
        self.modalityStep = modalityStep
        self.outsidePathway = outsidePathway
    }

    /// Decodes stored exams written by earlier versions too: collections added later default to empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        accessionNumber = try c.decode(String.self, forKey: .accessionNumber)
        patientID = try c.decode(UUID.self, forKey: .patientID)
        referrerID = try c.decode(UUID.self, forKey: .referrerID)
        examCode = try c.decode(String.self, forKey: .examCode)
        examName = try c.decode(String.self, forKey: .examName)
        modality = try c.decode(Modality.self, forKey: .modality)
        bodyRegion = try c.decode(BodyRegion.self, forKey: .bodyRegion)
        laterality = try c.decode(Laterality.self, forKey: .laterality)
        clinicalQuestion = try c.decode(String.self, forKey: .clinicalQuestion)
        priority = try c.decode(Priority.self, forKey: .priority)
        requestIdentifiers = try c.decode(RequestIdentifiers.self, forKey: .requestIdentifiers)
        requestedAt = try c.decode(Date.self, forKey: .requestedAt)
        state = try c.decode(ExamState.self, forKey: .state)
        patientSource = try c.decodeIfPresent(PatientSource.self, forKey: .patientSource)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        pregnancyStatusOnRequest = try c.decodeIfPresent(PregnancyAnswer.self, forKey: .pregnancyStatusOnRequest)
        research = try c.decodeIfPresent(ResearchDetails.self, forKey: .research)
        justification = try c.decodeIfPresent(JustificationRecord.self, forKey: .justification)
        booking = try c.decodeIfPresent(Booking.self, forKey: .booking)
        arrivedAt = try c.decodeIfPresent(Date.self, forKey: .arrivedAt)
        pauseAndCheck = try c.decodeIfPresent(PauseAndCheckRecord.self, forKey: .pauseAndCheck)
        performance = try c.decodeIfPresent(PerformanceRecord.self, forKey: .performance)
        dischargedAt = try c.decodeIfPresent(Date.self, forKey: .dischargedAt)
        report = try c.decodeIfPresent(ReportRecord.self, forKey: .report)
        closureReason = try c.decodeIfPresent(String.self, forKey: .closureReason)
        imageChecks = try c.decodeIfPresent([ImageCheckRecord].self, forKey: .imageChecks) ?? []
        contrastReactions = try c.decodeIfPresent([ContrastReaction].self, forKey: .contrastReactions) ?? []
        history = try c.decodeIfPresent([ExamStep].self, forKey: .history) ?? []
        placerOrderNumber = try c.decodeIfPresent(String.self, forKey: .placerOrderNumber)
        fillerOrderNumber = try c.decodeIfPresent(String.self, forKey: .fillerOrderNumber)
        vitalSigns = try c.decodeIfPresent([VitalSigns].self, forKey: .vitalSigns) ?? []
        vitalSignsAlerts = try c.decodeIfPresent([VitalSignsAlert].self, forKey: .vitalSignsAlerts) ?? []
        findingFlags = try c.decodeIfPresent([FindingFlag].self, forKey: .findingFlags) ?? []
        studyInstanceUID = try c.decodeIfPresent(String.self, forKey: .studyInstanceUID)
        modalityStep = try c.decodeIfPresent(ModalityProcedureStep.self, forKey: .modalityStep)
        outsidePathway = try c.decodeIfPresent(OutsidePathwayRecord.self, forKey: .outsidePathway)
        isolation = try c.decodeIfPresent(IsolationFlag.self, forKey: .isolation)
        dose = try c.decodeIfPresent(ExamDoseRecord.self, forKey: .dose)
    }

    /// "LB" and the last 14 hex digits of the id (56 random bits of a version-4 UUID; the leading
    /// digits hold the version), so it fits DICOM SH (16 characters). Stores keep it unique.
    public static func accessionNumber(for id: UUID) -> String {
        "LB" + String(id.uuidString.replacingOccurrences(of: "-", with: "").suffix(14))
    }
}
