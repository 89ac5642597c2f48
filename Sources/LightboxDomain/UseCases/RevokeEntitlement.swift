import Foundation

/// Revokes an entitlement from now on, with a reason (it stays on record for past exposures).
public struct RevokeEntitlement: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var entitlementID: UUID
        public var reason: String

        public init(entitlementID: UUID, reason: String) {
            self.entitlementID = entitlementID
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Entitlement> {
        try environment.policy.require(actor, .manageEntitlements)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var entitlement = try await unit.entitlements.get(command.entitlementID) else {
                throw DomainError.notFound("entitlement", command.entitlementID)
            }
            guard entitlement.revokedAt == nil else {
                throw DomainError(.transitionNotAllowed, "This entitlement has already been revoked.")
            }
            let reason = command.reason.trimmed
            guard !reason.isEmpty else {
                throw DomainError(.validationFailed, "Give a reason.", fields: [FieldProblem("reason", "is empty")])
            }
            entitlement.revokedAt = now
            entitlement.revokedBy = actor.username
            entitlement.revocationReason = reason
            try await unit.entitlements.update(entitlement)
            try await unit.record(
                actor, "entitlement.revoked", patientID: nil, examID: nil, at: now,
                "Revoked \(entitlement.duty.rawValue) \(entitlement.scope.summary) of staff \(entitlement.staffID): \(reason)"
            )
            return Outcome(
                entitlement,
                events: [DomainEvent(name: "entitlement.revoked", subjectID: entitlement.id.uuidString, at: now)])
        }
    }
}
