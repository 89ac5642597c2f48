import Foundation

/// The performed procedure steps waiting on the reconciliation list (``HeldModalityStep``), oldest first, each with
/// what the modality said of the patient. Reading it shows patients' details, so it is audited (`mpps.held-read`).
public struct ListHeldModalitySteps: Sendable {
    /// The most steps one read returns.
    public static let maximumLimit = 500

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(limit: Int = 100, by actor: Actor) async throws -> [HeldModalityStep] {
        try environment.policy.require(actor, .reconcileImages)
        guard (1...Self.maximumLimit).contains(limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(Self.maximumLimit) steps.",
                fields: [FieldProblem("limit", "must be 1 to \(Self.maximumLimit)")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let steps = try await unit.heldModalitySteps.list(decision: .waiting, limit: limit)
            try await unit.record(
                actor, "mpps.held-read", patientID: nil, examID: nil, at: now,
                "Read the held performed procedure steps (\(steps.count): "
                    + steps.prefix(20).map(\.sopInstanceUID).joined(separator: ", ")
                    + (steps.count > 20 ? ", …" : "") + ").")
            return steps
        }
    }
}
