import Foundation

/// An item the department stocks, counted in `unit`s, reordered when its usable level falls to `reorderLevel`.
public struct StockItem: StockRecord {
    public static let kind = "item"
    public var id: UUID
    public var name: String
    public var category: StockCategory
    /// What one counted unit is ("100 mL bottle", "box of 50").
    public var unit: String
    public var reorderLevel: Int
    public var reorderQuantity: Int
    public var createdAt: Date

    public init(
        id: UUID, name: String, category: StockCategory, unit: String, reorderLevel: Int, reorderQuantity: Int,
        createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.unit = unit
        self.reorderLevel = reorderLevel
        self.reorderQuantity = reorderQuantity
        self.createdAt = createdAt
    }

    public var listedAt: Date { createdAt }
}
