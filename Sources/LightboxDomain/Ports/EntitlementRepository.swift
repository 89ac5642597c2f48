import Foundation

/// Entitlements (IR(ME)R duties granted to a person). Revocation is an `update` setting `revokedAt`;
/// entitlements are never deleted so that past exposures stay explainable.
public protocol EntitlementRepository: Sendable {
    func get(_ id: UUID) async throws -> Entitlement?
    /// Every entitlement of one person, including expired and revoked ones.
    func list(staffID: UUID) async throws -> [Entitlement]
    func list() async throws -> [Entitlement]
    func insert(_ entitlement: Entitlement) async throws
    func update(_ entitlement: Entitlement) async throws
}
