import Foundation

/// What a manager or support worker reads first: every item's level, what to reorder, batches expired or
/// expiring within the configured window, open orders, and lead aprons due or overdue for their check.
public struct StockOverview: Sendable, Codable, Equatable {
    public var levels: [StockLevel]
    /// Items at or below their reorder level with nothing on order.
    public var toReorder: [UUID]
    public var expiringSoon: [StockBatch]
    public var expired: [StockBatch]
    public var openOrders: [StockOrder]
    public var aprons: [LeadApron]
    /// Aprons in service whose check is overdue.
    public var apronsOverdue: [UUID]

    public init(
        levels: [StockLevel], toReorder: [UUID], expiringSoon: [StockBatch], expired: [StockBatch],
        openOrders: [StockOrder], aprons: [LeadApron], apronsOverdue: [UUID]
    ) {
        self.levels = levels
        self.toReorder = toReorder
        self.expiringSoon = expiringSoon
        self.expired = expired
        self.openOrders = openOrders
        self.aprons = aprons
        self.apronsOverdue = apronsOverdue
    }
}
