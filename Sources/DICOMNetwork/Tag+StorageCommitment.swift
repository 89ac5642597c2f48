import DICOM

/// Attributes of the Storage Commitment Push Model (PS3.4 J.3) that the network layer reads and writes.
extension Tag {
    /// Transaction UID, PS3.4 J.3.2.
    static let transactionUID = Tag(0x0008, 0x1195)
    /// Referenced SOP Sequence.
    static let referencedSOPSequence = Tag(0x0008, 0x1199)
    /// Failed SOP Sequence, PS3.4 J.3.3.
    static let failedSOPSequence = Tag(0x0008, 0x1198)
    /// Failure Reason, PS3.4 J.3.3.
    static let failureReason = Tag(0x0008, 0x1197)
    /// Storage Media File-Set ID and UID.
    static let storageMediaFileSetID = Tag(0x0088, 0x0130)
    static let storageMediaFileSetUID = Tag(0x0088, 0x0140)
}
