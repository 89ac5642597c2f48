/// An archived instance to send (C-MOVE, C-GET, WADO-RS): its UIDs, the transfer syntax it is stored in, where its
/// bytes are, and the patient and study it belongs to (for the audit entry).
public struct ArchivedInstanceFile: Sendable, Equatable {
    public var sopClassUID: String
    public var sopInstanceUID: String
    public var transferSyntaxUID: String
    public var imageKey: ImageKey
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var patientID: String
    public var sizeBytes: Int64

    public init(
        sopClassUID: String, sopInstanceUID: String, transferSyntaxUID: String, imageKey: ImageKey,
        studyInstanceUID: String, seriesInstanceUID: String, patientID: String, sizeBytes: Int64
    ) {
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.transferSyntaxUID = transferSyntaxUID
        self.imageKey = imageKey
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.patientID = patientID
        self.sizeBytes = sizeBytes
    }
}
