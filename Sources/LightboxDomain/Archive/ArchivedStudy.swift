import Foundation

/// A study row of the image index: the General Study attributes C-FIND and QIDO-RS answer at
/// study level (PS3.4 C.6.1.1.3, PS3.18 Table 10.6.3-3), kept in indexed columns, with the
/// aggregates the index maintains on every store (ModalitiesInStudy, SOPClassesInStudy, Number of
/// Study Related Series/Instances) and its link to the department's exam.
public struct ArchivedStudy: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    /// The ``ArchivedPatient`` row.
    public var archivedPatientID: UUID
    public var studyInstanceUID: String
    public var studyDate: String?
    public var studyTime: String?
    public var accessionNumber: String?
    public var studyID: String?
    public var studyDescription: String?
    public var referringPhysicianName: String?
    /// Distinct Modality values of the study's series, sorted (0008,0061).
    public var modalitiesInStudy: [String]
    /// Distinct SOP Class UIDs of the study's instances, sorted (0008,0062).
    public var sopClassesInStudy: [String]
    /// Number of Study Related Series (0020,1206).
    public var numberOfSeries: Int
    /// Number of Study Related Instances (0020,1208).
    public var numberOfInstances: Int
    /// The exam the study belongs to, when matched or linked.
    public var examID: UUID?
    /// The department's patient record (the exam's patient), when matched or linked.
    public var patientRecordID: UUID?
    public var matchStatus: StudyMatchStatus
    /// Why the study waits for reconciliation, or how it was resolved (for the person deciding).
    public var matchDetail: String
    public var createdAt: Date
    /// The items of its indexed sequences (``ArchiveAttributes/sequenceItems``) as the first instance
    /// carrying them gave them, by sequence tag; written once, for matching (PS3.4 §C.2.2.2.6).
    public var sequences: [UInt32: [[UInt32: String]]] = [:]
    public var updatedAt: Date

    public init(
        id: UUID, archivedPatientID: UUID, studyInstanceUID: String, studyDate: String?, studyTime: String?,
        accessionNumber: String?, studyID: String?, studyDescription: String?, referringPhysicianName: String?,
        modalitiesInStudy: [String] = [], sopClassesInStudy: [String] = [], numberOfSeries: Int = 0,
        numberOfInstances: Int = 0, examID: UUID?, patientRecordID: UUID?, matchStatus: StudyMatchStatus,
        matchDetail: String, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.archivedPatientID = archivedPatientID
        self.studyInstanceUID = studyInstanceUID
        self.studyDate = studyDate
        self.studyTime = studyTime
        self.accessionNumber = accessionNumber
        self.studyID = studyID
        self.studyDescription = studyDescription
        self.referringPhysicianName = referringPhysicianName
        self.modalitiesInStudy = modalitiesInStudy
        self.sopClassesInStudy = sopClassesInStudy
        self.numberOfSeries = numberOfSeries
        self.numberOfInstances = numberOfInstances
        self.examID = examID
        self.patientRecordID = patientRecordID
        self.matchStatus = matchStatus
        self.matchDetail = matchDetail
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
