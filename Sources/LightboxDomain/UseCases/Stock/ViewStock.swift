import Foundation

/// Reads the stock ledger: the overview (levels, reorder, expiry, orders, aprons), one batch with its movements,
/// and the contrast traceability both ways. Stock alone is not a patient's record and is read without an audit
/// entry; the trace from a batch to the patients who had it is, and is audited per exam.
public struct ViewStock: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func overview(by actor: Actor) async throws -> StockOverview {
        try environment.policy.require(actor, .viewStock)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let limit = StockLedger.maximumListed
            let items = try await unit.stock.list(StockItem.self, parentID: nil, limit: limit)
            let batches = try await unit.stock.list(StockBatch.self, parentID: nil, limit: limit)
            let orders = try await unit.stock.list(StockOrder.self, parentID: nil, limit: limit)
            let aprons = try await unit.stock.list(LeadApron.self, parentID: nil, limit: limit)
            let levels = items.sorted { $0.name.lowercased() < $1.name.lowercased() }.map { item in
                StockLevel(
                    item: item,
                    batches: batches.filter { $0.itemID == item.id && $0.quantity > 0 }
                        .sorted { ($0.expires ?? .distantFuture) < ($1.expires ?? .distantFuture) },
                    orders: orders.filter { $0.itemID == item.id }, at: now)
            }
            let warning = now + TimeInterval(configuration.stockExpiryWarningDays) * 86_400
            let held = batches.filter { $0.quantity > 0 }.sorted {
                ($0.expires ?? .distantFuture) < ($1.expires ?? .distantFuture)
            }
            return StockOverview(
                levels: levels,
                toReorder: levels.filter { $0.belowReorderLevel && $0.onOrder == 0 }.map(\.item.id),
                expiringSoon: held.filter { batch in
                    guard let expires = batch.expires else { return false }
                    return expires > now && expires <= warning
                },
                expired: held.filter { $0.isExpired(at: now) },
                openOrders: orders.filter { $0.status == .open },
                aprons: aprons.sorted { $0.identifier < $1.identifier },
                apronsOverdue: aprons.filter { $0.inService && $0.nextCheckDue <= now }.map(\.id))
        }
    }

    public func batch(_ id: UUID, by actor: Actor) async throws -> StockBatchDetail {
        try environment.policy.require(actor, .viewStock)
        return try await environment.store.transaction { unit in
            let batch = try await StockLedger.batch(id, in: unit)
            let item = try await StockLedger.item(batch.itemID, in: unit)
            let movements = try await unit.stock.list(
                StockMovement.self, parentID: id, limit: StockLedger.maximumListed)
            return StockBatchDetail(batch: batch, item: item, movements: movements)
        }
    }

    /// The checks of one lead apron, newest first.
    public func apronChecks(_ apronID: UUID, by actor: Actor) async throws -> [ApronCheck] {
        try environment.policy.require(actor, .viewStock)
        return try await environment.store.transaction { unit in
            guard try await unit.stock.get(LeadApron.self, apronID) != nil else {
                throw DomainError.notFound("lead apron", apronID)
            }
            return try await unit.stock.list(ApronCheck.self, parentID: apronID, limit: StockLedger.maximumListed)
        }
    }

    /// Every exam the batch was given in, with the patient: a batch recall. Each exam's read is audited.
    public func patientsGiven(batch id: UUID, by actor: Actor) async throws -> [ContrastAdministration] {
        try environment.policy.require(actor, .viewStock)
        try environment.policy.require(actor, .viewPatient)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let batch = try await StockLedger.batch(id, in: unit)
            let item = try await StockLedger.item(batch.itemID, in: unit)
            let given = try await unit.stock.list(StockMovement.self, parentID: id, limit: StockLedger.maximumListed)
                .filter { $0.reason == .given }
            var result: [ContrastAdministration] = []
            for movement in given {
                guard let examID = movement.examID, let exam = try await unit.exams.get(examID) else { continue }
                result.append(
                    Self.administration(movement, exam: exam, batch: batch, item: item))
                try await unit.record(
                    actor, "stock.batch-traced", patientID: exam.patientID, examID: exam.id, at: now,
                    "Traced \(item.name) batch \(batch.batchNumber) to exam \(exam.accessionNumber)")
            }
            return result
        }
    }

    /// The stock batches given in one exam (the exam's side of the trace). Audited as a read of the exam.
    public func givenInExam(_ examID: UUID, by actor: Actor) async throws -> [ContrastAdministration] {
        try environment.policy.require(actor, .viewExams)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam = try await unit.exam(examID)
            var result: [ContrastAdministration] = []
            for movement in try await unit.stock.list(StockMovement.self, examID: examID, limit: 100)
            where movement.reason == .given {
                let batch = try await StockLedger.batch(movement.batchID, in: unit)
                let item = try await StockLedger.item(batch.itemID, in: unit)
                result.append(Self.administration(movement, exam: exam, batch: batch, item: item))
            }
            try await unit.record(
                actor, "exam.stock-read", patientID: exam.patientID, examID: exam.id, at: now,
                "Read the stock given in exam \(exam.accessionNumber)")
            return result
        }
    }

    static func administration(
        _ movement: StockMovement, exam: Exam, batch: StockBatch, item: StockItem
    ) -> ContrastAdministration {
        ContrastAdministration(
            movementID: movement.id, examID: exam.id, patientID: exam.patientID, accessionNumber: exam.accessionNumber,
            batchID: batch.id, batchNumber: batch.batchNumber, itemID: item.id, itemName: item.name,
            units: -movement.change, at: movement.at, by: movement.by)
    }
}
