import Foundation

/// Shared steps of the stock use cases, inside their transaction.
enum StockLedger {
    /// Every list of stock records is bounded.
    static let maximumListed = 2_000

    static func item(_ id: UUID, in unit: any UnitOfWork) async throws -> StockItem {
        guard let item = try await unit.stock.get(StockItem.self, id) else {
            throw DomainError.notFound("stock item", id)
        }
        return item
    }

    static func batch(_ id: UUID, in unit: any UnitOfWork) async throws -> StockBatch {
        guard let batch = try await unit.stock.get(StockBatch.self, id) else {
            throw DomainError.notFound("stock batch", id)
        }
        return batch
    }

    /// Changes a batch's level by `change` with a movement, refusing to go below zero; audited.
    @discardableResult
    static func move(
        _ batch: StockBatch, _ reason: StockMovement.Reason, change: Int, examID: UUID? = nil, patientID: UUID? = nil,
        note: String? = nil, id: UUID, actor: Actor, at now: Date, in unit: any UnitOfWork,
        raising raiser: SupportTaskRaiser? = nil
    ) async throws -> (StockBatch, StockMovement) {
        var batch = batch
        guard batch.quantity + change >= 0 else {
            throw DomainError(
                .validationFailed,
                "Batch \(batch.batchNumber) has \(batch.quantity) left; \(-change) cannot be taken from it.",
                fields: [FieldProblem("quantity", "is more than the \(batch.quantity) left in the batch")])
        }
        batch.quantity += change
        try await unit.stock.update(batch)
        let movement = StockMovement(
            id: id, batchID: batch.id, itemID: batch.itemID, reason: reason, change: change, examID: examID,
            patientID: patientID, note: note, at: now, by: actor.username)
        try await unit.stock.insert(movement)
        let item = try await item(batch.itemID, in: unit)
        try await unit.record(
            actor, "stock.\(reason.rawValue)", patientID: patientID, examID: examID, at: now,
            "\(reason.label): \(change > 0 ? "+" : "")\(change) \(item.unit) of \(item.name) batch \(batch.batchNumber) "
                + "at \(batch.location); \(batch.quantity) left" + (note.map { " (\($0))" } ?? ""))
        // Taking stock may bring the item down to its reorder level: a top-up goes on the support workers' board.
        if change < 0, let raiser {
            try await SupportTaskRules.raiseStockTopUp(item, raiser: raiser, actor: actor, at: now, in: unit)
        }
        return (batch, movement)
    }

    /// The batch named on Pause and Check and its item, if both are on record.
    static func contrastBatch(_ id: UUID, in unit: any UnitOfWork) async throws -> (StockBatch, StockItem)? {
        guard let batch = try await unit.stock.get(StockBatch.self, id),
            let item = try await unit.stock.get(StockItem.self, batch.itemID)
        else { return nil }
        return (batch, item)
    }

    /// Why the batch cannot be given: not in stock, not contrast, expired, empty, or not the batch number written.
    static func contrastProblems(
        _ found: (StockBatch, StockItem)?, stated: String?, at now: Date
    ) -> [FieldProblem] {
        guard let (batch, item) = found else {
            return [FieldProblem("contrast.stockBatchID", "is not a batch in stock", code: .contrastScreeningRequired)]
        }
        var problems: [FieldProblem] = []
        if item.category != .contrast {
            problems.append(FieldProblem("contrast.stockBatchID", "\(item.name) is not a contrast agent"))
        }
        if batch.isExpired(at: now) {
            problems.append(FieldProblem("contrast.stockBatchID", "batch \(batch.batchNumber) has expired"))
        }
        if batch.quantity < 1 {
            problems.append(FieldProblem("contrast.stockBatchID", "batch \(batch.batchNumber) has none left"))
        }
        if let stated = stated?.trimmed, !stated.isEmpty, stated.uppercased() != batch.batchNumber.uppercased() {
            problems.append(
                FieldProblem("contrast.batch", "says \(stated) but the stock batch is \(batch.batchNumber)"))
        }
        return problems
    }
}
