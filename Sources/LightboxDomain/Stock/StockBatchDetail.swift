import Foundation

/// One batch with its item and every movement of it, newest first.
public struct StockBatchDetail: Sendable, Codable, Equatable {
    public var batch: StockBatch
    public var item: StockItem
    public var movements: [StockMovement]

    public init(batch: StockBatch, item: StockItem, movements: [StockMovement]) {
        self.batch = batch
        self.item = item
        self.movements = movements
    }
}
