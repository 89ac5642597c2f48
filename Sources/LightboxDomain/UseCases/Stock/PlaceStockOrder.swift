import Foundation

/// Orders an item from the supplier (its reorder quantity when no quantity is given); audited.
public struct PlaceStockOrder: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var itemID: UUID
        public var quantity: Int?
        public var supplierReference: String?

        public init(itemID: UUID, quantity: Int? = nil, supplierReference: String? = nil) {
            self.itemID = itemID
            self.quantity = quantity
            self.supplierReference = supplierReference
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<StockOrder> {
        try environment.policy.require(actor, .manageStock)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let item = try await StockLedger.item(command.itemID, in: unit)
            let quantity = command.quantity ?? item.reorderQuantity
            guard (1...ReceiveStock.maximumQuantity).contains(quantity) else {
                throw DomainError(
                    .validationFailed, "The order quantity is not valid.",
                    fields: [FieldProblem("quantity", "must be from 1 to \(ReceiveStock.maximumQuantity)")])
            }
            let order = StockOrder(
                id: id, itemID: item.id, quantity: quantity,
                supplierReference: command.supplierReference?.trimmed.nilIfEmpty, orderedAt: now,
                orderedBy: actor.username)
            try await unit.stock.insert(order)
            try await unit.record(
                actor, "stock.ordered", patientID: nil, examID: nil, at: now,
                "Ordered \(quantity) \(item.unit) of \(item.name)"
                    + (order.supplierReference.map { " (supplier reference \($0))" } ?? ""))
            return Outcome(order, events: [DomainEvent(name: "stock.ordered", subjectID: id.uuidString, at: now)])
        }
    }
}
