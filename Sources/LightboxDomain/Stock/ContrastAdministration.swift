import Foundation

/// Contrast from a stock batch given to a patient in an exam: the link followed from the exam to the stock record
/// and back (a batch recall finds every patient who had it).
public struct ContrastAdministration: Sendable, Codable, Equatable {
    public var movementID: UUID
    public var examID: UUID
    public var patientID: UUID
    public var accessionNumber: String
    public var batchID: UUID
    public var batchNumber: String
    public var itemID: UUID
    public var itemName: String
    public var units: Int
    public var at: Date
    public var by: String

    public init(
        movementID: UUID, examID: UUID, patientID: UUID, accessionNumber: String, batchID: UUID, batchNumber: String,
        itemID: UUID, itemName: String, units: Int, at: Date, by: String
    ) {
        self.movementID = movementID
        self.examID = examID
        self.patientID = patientID
        self.accessionNumber = accessionNumber
        self.batchID = batchID
        self.batchNumber = batchNumber
        self.itemID = itemID
        self.itemName = itemName
        self.units = units
        self.at = at
        self.by = by
    }
}
