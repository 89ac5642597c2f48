import Foundation

/// A record of the stock ledger (item, batch, movement, order, lead apron, apron check), stored by kind with the
/// record it belongs to (`parentID`: the item of a batch or order, the batch of a movement, the apron of a check)
/// and, for a movement, the exam it was given in.
public protocol StockRecord: Sendable, Codable, Equatable, Identifiable where ID == UUID {
    static var kind: String { get }
    var id: UUID { get }
    var parentID: UUID? { get }
    var examID: UUID? { get }
    /// The date lists are ordered by (newest first).
    var listedAt: Date { get }
}

extension StockRecord {
    public var parentID: UUID? { nil }
    public var examID: UUID? { nil }
}
