import Foundation

/// Takes units from a batch (used, disposed of) or sets its level after a count; audited. Contrast given to a
/// patient is recorded by Pause and Check instead, so that it carries the exam.
public struct RecordStockMovement: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var batchID: UUID
        public var reason: StockMovement.Reason
        /// Units taken (used, disposed), or the level counted (counted).
        public var quantity: Int
        public var note: String?

        public init(batchID: UUID, reason: StockMovement.Reason, quantity: Int, note: String? = nil) {
            self.batchID = batchID
            self.reason = reason
            self.quantity = quantity
            self.note = note
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<StockMovement> {
        try environment.policy.require(actor, .manageStock)
        let now = environment.clock.now()
        let id = environment.ids.next()
        var problems: [FieldProblem] = []
        switch command.reason {
        case .received:
            problems.append(
                FieldProblem("reason", "deliveries are received with their batch (POST /api/stock/deliveries)"))
        case .given:
            problems.append(FieldProblem("reason", "contrast given to a patient is recorded on Pause and Check"))
        case .used, .disposed:
            if command.quantity < 1 { problems.append(FieldProblem("quantity", "must be at least 1")) }
        case .counted:
            if command.quantity < 0 { problems.append(FieldProblem("quantity", "cannot be negative")) }
        }
        if command.reason == .counted && (command.note ?? "").trimmed.isEmpty {
            problems.append(FieldProblem("note", "say why the count differs"))
        }
        guard problems.isEmpty else {
            throw DomainError(.validationFailed, "The stock movement cannot be recorded.", fields: problems)
        }
        return try await environment.store.transaction { unit in
            let batch = try await StockLedger.batch(command.batchID, in: unit)
            let change = command.reason == .counted ? command.quantity - batch.quantity : -command.quantity
            let (_, movement) = try await StockLedger.move(
                batch, command.reason, change: change, note: command.note?.trimmed.nilIfEmpty, id: id, actor: actor,
                at: now, in: unit,
                raising: SupportTaskRaiser(environment.ids, try await environment.configuration(at: now, in: unit)))
            return Outcome(
                movement,
                events: [DomainEvent(name: "stock.\(command.reason.rawValue)", subjectID: id.uuidString, at: now)])
        }
    }
}
