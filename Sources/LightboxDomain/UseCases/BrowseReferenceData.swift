import Foundation

/// Reads of the department's reference data (rooms, catalogue, staff, entitlements, referrers). These
/// hold no patient data, so they are not audited.
public struct BrowseReferenceData: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func rooms(by actor: Actor) async throws -> [Room] {
        try environment.policy.require(actor, .viewReferenceData)
        return try await environment.store.transaction { try await $0.rooms.list() }
    }

    public func catalogue(by actor: Actor) async throws -> [CatalogueEntry] {
        try environment.policy.require(actor, .viewReferenceData)
        return try await environment.store.transaction { try await $0.catalogue.list() }
    }

    public func staff(by actor: Actor) async throws -> [StaffMember] {
        try environment.policy.require(actor, .viewReferenceData)
        return try await environment.store.transaction { try await $0.staff.list() }
    }

    public func referrers(by actor: Actor) async throws -> [Referrer] {
        try environment.policy.require(actor, .viewReferenceData)
        return try await environment.store.transaction { try await $0.referrers.list() }
    }

    /// Every entitlement, or one person's.
    public func entitlements(staffID: UUID? = nil, by actor: Actor) async throws -> [Entitlement] {
        try environment.policy.require(actor, .viewReferenceData)
        return try await environment.store.transaction { unit in
            if let staffID { return try await unit.entitlements.list(staffID: staffID) }
            return try await unit.entitlements.list()
        }
    }
}
