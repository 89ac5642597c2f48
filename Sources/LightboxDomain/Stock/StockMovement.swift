import Foundation

/// One change to a batch's level: received, used, given to a patient in an exam, disposed of, or counted.
public struct StockMovement: StockRecord {
    public static let kind = "movement"

    public enum Reason: String, Sendable, Codable, CaseIterable {
        case received
        case used
        /// Given to a patient during an exam (contrast): the exam and patient are recorded for traceability.
        case given
        case disposed
        /// A stock count corrected the level.
        case counted

        public var label: String {
            switch self {
            case .received: "Received"
            case .used: "Used"
            case .given: "Given to a patient"
            case .disposed: "Disposed of"
            case .counted: "Stock count"
            }
        }
    }

    public var id: UUID
    public var batchID: UUID
    public var itemID: UUID
    public var reason: Reason
    /// Units added (positive) or taken (negative).
    public var change: Int
    public var examID: UUID?
    public var patientID: UUID?
    public var note: String?
    public var at: Date
    public var by: String

    public init(
        id: UUID, batchID: UUID, itemID: UUID, reason: Reason, change: Int, examID: UUID? = nil,
        patientID: UUID? = nil, note: String? = nil, at: Date, by: String
    ) {
        self.id = id
        self.batchID = batchID
        self.itemID = itemID
        self.reason = reason
        self.change = change
        self.examID = examID
        self.patientID = patientID
        self.note = note
        self.at = at
        self.by = by
    }

    public var parentID: UUID? { batchID }
    public var listedAt: Date { at }
}
