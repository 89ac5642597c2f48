import Foundation

/// Exams performed in a period by one operator in one room on one modality, with their images and rejects.
public struct PerformedTally: Sendable, Equatable {
    public var roomID: UUID?
    public var operatorStaffID: UUID?
    public var modality: Modality
    public var exams: Int
    public var imagesAcquired: Int
    public var imagesRejected: Int

    public init(
        roomID: UUID?, operatorStaffID: UUID?, modality: Modality, exams: Int, imagesAcquired: Int, imagesRejected: Int
    ) {
        self.roomID = roomID
        self.operatorStaffID = operatorStaffID
        self.modality = modality
        self.exams = exams
        self.imagesAcquired = imagesAcquired
        self.imagesRejected = imagesRejected
    }
}
