import Foundation

/// One manufacturer's batch (lot) of an item, held at one location, with its expiry and the units left.
public struct StockBatch: StockRecord {
    public static let kind = "batch"
    public var id: UUID
    public var itemID: UUID
    public var batchNumber: String
    public var expires: Date?
    public var location: String
    public var quantity: Int
    public var receivedAt: Date
    public var receivedBy: String

    public init(
        id: UUID, itemID: UUID, batchNumber: String, expires: Date?, location: String, quantity: Int,
        receivedAt: Date, receivedBy: String
    ) {
        self.id = id
        self.itemID = itemID
        self.batchNumber = batchNumber
        self.expires = expires
        self.location = location
        self.quantity = quantity
        self.receivedAt = receivedAt
        self.receivedBy = receivedBy
    }

    public var parentID: UUID? { itemID }
    public var listedAt: Date { receivedAt }

    /// Expired at `moment` (the expiry instant itself is expired).
    public func isExpired(at moment: Date) -> Bool { expires.map { $0 <= moment } ?? false }
}
