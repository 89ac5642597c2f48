import Foundation

/// An order placed with a supplier for an item, open until received or cancelled.
public struct StockOrder: StockRecord {
    public static let kind = "order"

    public enum Status: String, Sendable, Codable {
        case open, received, cancelled
    }

    public var id: UUID
    public var itemID: UUID
    public var quantity: Int
    public var supplierReference: String?
    public var status: Status
    public var orderedAt: Date
    public var orderedBy: String
    public var closedAt: Date?

    public init(
        id: UUID, itemID: UUID, quantity: Int, supplierReference: String?, status: Status = .open, orderedAt: Date,
        orderedBy: String, closedAt: Date? = nil
    ) {
        self.id = id
        self.itemID = itemID
        self.quantity = quantity
        self.supplierReference = supplierReference
        self.status = status
        self.orderedAt = orderedAt
        self.orderedBy = orderedBy
        self.closedAt = closedAt
    }

    public var parentID: UUID? { itemID }
    public var listedAt: Date { orderedAt }
}
