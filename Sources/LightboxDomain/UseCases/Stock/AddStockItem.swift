import Foundation

/// Adds an item to the stock list with its unit and reorder level; audited.
public struct AddStockItem: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var name: String
        public var category: StockCategory
        public var unit: String
        public var reorderLevel: Int
        public var reorderQuantity: Int

        public init(name: String, category: StockCategory, unit: String, reorderLevel: Int, reorderQuantity: Int) {
            self.name = name
            self.category = category
            self.unit = unit
            self.reorderLevel = reorderLevel
            self.reorderQuantity = reorderQuantity
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<StockItem> {
        try environment.policy.require(actor, .manageStock)
        let now = environment.clock.now()
        let id = environment.ids.next()
        var problems: [FieldProblem] = []
        if command.name.trimmed.isEmpty { problems.append(FieldProblem("name", "is empty")) }
        if command.unit.trimmed.isEmpty { problems.append(FieldProblem("unit", "say what one unit is")) }
        if command.reorderLevel < 0 { problems.append(FieldProblem("reorderLevel", "cannot be negative")) }
        if command.reorderQuantity < 1 { problems.append(FieldProblem("reorderQuantity", "must be at least 1")) }
        guard problems.isEmpty else {
            throw DomainError(.validationFailed, "The stock item is incomplete.", fields: problems)
        }
        return try await environment.store.transaction { unit in
            let existing = try await unit.stock.list(StockItem.self, parentID: nil, limit: StockLedger.maximumListed)
            if existing.contains(where: { $0.name.lowercased() == command.name.trimmed.lowercased() }) {
                throw DomainError(.duplicate, "An item called \(command.name.trimmed) is already on the stock list.")
            }
            let item = StockItem(
                id: id, name: command.name.trimmed, category: command.category, unit: command.unit.trimmed,
                reorderLevel: command.reorderLevel, reorderQuantity: command.reorderQuantity, createdAt: now)
            try await unit.stock.insert(item)
            try await unit.record(
                actor, "stock.item-added", patientID: nil, examID: nil, at: now,
                "Added \(item.name) (\(item.category.label), per \(item.unit)), reorder at \(item.reorderLevel)")
            return Outcome(item, events: [DomainEvent(name: "stock.item-added", subjectID: id.uuidString, at: now)])
        }
    }
}
