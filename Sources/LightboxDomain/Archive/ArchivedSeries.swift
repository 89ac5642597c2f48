import Foundation

/// A series row of the image index: the General Series attributes C-FIND and QIDO-RS answer at
/// series level (PS3.4 C.6.1.1.4, PS3.18 Table 10.6.3-4), with Number of Series Related
/// Instances (0020,1209) maintained on every store.
public struct ArchivedSeries: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    /// The ``ArchivedStudy`` row.
    public var studyID: UUID
    public var seriesInstanceUID: String
    public var modality: String?
    public var seriesNumber: Int?
    public var seriesDescription: String?
    public var seriesDate: String?
    public var seriesTime: String?
    public var bodyPartExamined: String?
    public var numberOfInstances: Int
    public var createdAt: Date
    /// The items of its indexed sequences (``ArchiveAttributes/sequenceItems``) as the first instance
    /// carrying them gave them, by sequence tag; written once, for matching (PS3.4 §C.2.2.2.6).
    public var sequences: [UInt32: [[UInt32: String]]] = [:]

    public init(
        id: UUID, studyID: UUID, seriesInstanceUID: String, modality: String?, seriesNumber: Int?,
        seriesDescription: String?, seriesDate: String?, seriesTime: String?, bodyPartExamined: String?,
        numberOfInstances: Int = 0, createdAt: Date
    ) {
        self.id = id
        self.studyID = studyID
        self.seriesInstanceUID = seriesInstanceUID
        self.modality = modality
        self.seriesNumber = seriesNumber
        self.seriesDescription = seriesDescription
        self.seriesDate = seriesDate
        self.seriesTime = seriesTime
        self.bodyPartExamined = bodyPartExamined
        self.numberOfInstances = numberOfInstances
        self.createdAt = createdAt
    }
}
