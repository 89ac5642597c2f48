import Foundation

/// An item's level now: usable units (in-date batches), expired units still on the shelf, what is on order, and
/// whether it has fallen to its reorder level.
public struct StockLevel: Sendable, Codable, Equatable {
    public var item: StockItem
    public var usable: Int
    public var expired: Int
    public var onOrder: Int
    public var belowReorderLevel: Bool
    public var batches: [StockBatch]

    public init(item: StockItem, batches: [StockBatch], orders: [StockOrder], at moment: Date) {
        self.item = item
        self.batches = batches
        usable = batches.filter { !$0.isExpired(at: moment) }.reduce(0) { $0 + $1.quantity }
        expired = batches.filter { $0.isExpired(at: moment) }.reduce(0) { $0 + $1.quantity }
        onOrder = orders.filter { $0.status == .open }.reduce(0) { $0 + $1.quantity }
        belowReorderLevel = usable <= item.reorderLevel
    }
}
