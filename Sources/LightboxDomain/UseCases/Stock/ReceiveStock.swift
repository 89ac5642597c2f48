import Foundation

/// Receives a delivery of one batch of an item into a location (closing the order it fills, if named); a batch
/// number already held at that location is topped up. Audited.
public struct ReceiveStock: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var itemID: UUID
        public var batchNumber: String
        public var expires: Date?
        public var location: String
        public var quantity: Int
        public var orderID: UUID?

        public init(
            itemID: UUID, batchNumber: String, expires: Date?, location: String, quantity: Int, orderID: UUID? = nil
        ) {
            self.itemID = itemID
            self.batchNumber = batchNumber
            self.expires = expires
            self.location = location
            self.quantity = quantity
            self.orderID = orderID
        }
    }

    /// One delivery is at most this many units (a typing slip is refused, not stocked).
    public static let maximumQuantity = 100_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<StockBatch> {
        try environment.policy.require(actor, .manageStock)
        let now = environment.clock.now()
        let batchID = environment.ids.next()
        let movementID = environment.ids.next()
        return try await environment.store.transaction { unit in
            let item = try await StockLedger.item(command.itemID, in: unit)
            var problems: [FieldProblem] = []
            let number = command.batchNumber.trimmed
            if number.isEmpty { problems.append(FieldProblem("batchNumber", "is empty")) }
            if command.location.trimmed.isEmpty { problems.append(FieldProblem("location", "is empty")) }
            if !(1...Self.maximumQuantity).contains(command.quantity) {
                problems.append(FieldProblem("quantity", "must be from 1 to \(Self.maximumQuantity)"))
            }
            if let expires = command.expires, expires <= now {
                problems.append(FieldProblem("expires", "the batch has already expired"))
            }
            if item.category == .contrast && command.expires == nil {
                problems.append(FieldProblem("expires", "contrast must have its expiry recorded"))
            }
            var order: StockOrder?
            if let orderID = command.orderID {
                order = try await unit.stock.get(StockOrder.self, orderID)
                if order?.itemID != item.id {
                    problems.append(FieldProblem("orderID", "is not an order for \(item.name)"))
                } else if order?.status != .open {
                    problems.append(FieldProblem("orderID", "the order is no longer open"))
                }
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The delivery cannot be received.", fields: problems)
            }
            let held = try await unit.stock.list(StockBatch.self, parentID: item.id, limit: StockLedger.maximumListed)
            var batch: StockBatch
            if let same = held.first(where: {
                $0.batchNumber.uppercased() == number.uppercased()
                    && $0.location.lowercased() == command.location.trimmed.lowercased()
            }) {
                batch = same
            } else {
                batch = StockBatch(
                    id: batchID, itemID: item.id, batchNumber: number, expires: command.expires,
                    location: command.location.trimmed, quantity: 0, receivedAt: now, receivedBy: actor.username)
                try await unit.stock.insert(batch)
            }
            (batch, _) = try await StockLedger.move(
                batch, .received, change: command.quantity, note: order.map { "order \($0.id)" }, id: movementID,
                actor: actor, at: now, in: unit)
            if var order {
                order.status = .received
                order.closedAt = now
                try await unit.stock.update(order)
            }
            return Outcome(
                batch, events: [DomainEvent(name: "stock.received", subjectID: batch.id.uuidString, at: now)])
        }
    }
}
