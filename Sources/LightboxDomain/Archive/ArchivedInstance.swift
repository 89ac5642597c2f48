import Foundation

/// An instance row of the image index: the attributes C-FIND and QIDO-RS answer at instance level
/// (PS3.4 C.6.1.1.5, PS3.18 Table 10.6.3-5) and where its bytes are: ``imageKey`` names the file in
/// the ``ImageStore`` (a Part 10 file, stored exactly as received apart from its File Meta
/// Information). Retrieval (C-MOVE, C-GET, WADO-RS) opens `ImageStore.location(of: imageKey)`.
public struct ArchivedInstance: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    /// The ``ArchivedSeries`` row.
    public var seriesID: UUID
    /// The ``ArchivedStudy`` row (denormalised so study-level retrieval needs no join).
    public var studyID: UUID
    public var sopInstanceUID: String
    public var sopClassUID: String
    public var instanceNumber: Int?
    public var contentDate: String?
    public var contentTime: String?
    public var rows: Int?
    public var columns: Int?
    public var numberOfFrames: Int?
    public var transferSyntaxUID: String
    public var specificCharacterSet: String?
    public var imageKey: ImageKey
    public var sizeBytes: Int64
    /// The calling AE title (C-STORE) or account (STOW-RS) that sent it.
    public var source: String
    public var storedAt: Date

    public init(
        id: UUID, seriesID: UUID, studyID: UUID, sopInstanceUID: String, sopClassUID: String, instanceNumber: Int?,
        contentDate: String?, contentTime: String?, rows: Int?, columns: Int?, numberOfFrames: Int?,
        transferSyntaxUID: String, specificCharacterSet: String?, imageKey: ImageKey, sizeBytes: Int64,
        source: String, storedAt: Date
    ) {
        self.id = id
        self.seriesID = seriesID
        self.studyID = studyID
        self.sopInstanceUID = sopInstanceUID
        self.sopClassUID = sopClassUID
        self.instanceNumber = instanceNumber
        self.contentDate = contentDate
        self.contentTime = contentTime
        self.rows = rows
        self.columns = columns
        self.numberOfFrames = numberOfFrames
        self.transferSyntaxUID = transferSyntaxUID
        self.specificCharacterSet = specificCharacterSet
        self.imageKey = imageKey
        self.sizeBytes = sizeBytes
        self.source = source
        self.storedAt = storedAt
    }
}
