import Foundation

/// A task as the board shows it: the task with the names of what it concerns (room, patient, exam, stock item),
/// read in the same transaction.
public struct SupportTaskEntry: Sendable, Codable, Equatable {
    public var task: SupportTask
    public var roomName: String?
    public var patientName: String?
    /// The patient's hospital number or NHS number, to confirm identity at the ward.
    public var patientIdentifier: String?
    public var examName: String?
    public var accessionNumber: String?
    public var stockItemName: String?

    public init(
        task: SupportTask, roomName: String? = nil, patientName: String? = nil, patientIdentifier: String? = nil,
        examName: String? = nil, accessionNumber: String? = nil, stockItemName: String? = nil
    ) {
        self.task = task
        self.roomName = roomName
        self.patientName = patientName
        self.patientIdentifier = patientIdentifier
        self.examName = examName
        self.accessionNumber = accessionNumber
        self.stockItemName = stockItemName
    }
}
