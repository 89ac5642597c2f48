import FluentKit
import Foundation
import LightboxDomain

/// `EntitlementRepository` on Fluent. Entitlements are never deleted (revocation is an update).
struct FluentEntitlementRepository: EntitlementRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> Entitlement? {
        try await EntitlementModel.find(id, on: database).map(decode)
    }

    func list(staffID: UUID) async throws -> [Entitlement] {
        try await EntitlementModel.query(on: database).filter(\.$staffID == staffID).all().map(decode)
            .sorted(by: Self.order)
    }

    func list() async throws -> [Entitlement] {
        try await EntitlementModel.query(on: database).all().map(decode).sorted(by: Self.order)
    }

    func insert(_ entitlement: Entitlement) async throws {
        guard try await EntitlementModel.find(entitlement.id, on: database) == nil else {
            throw context.duplicate("entitlement", "id \(entitlement.id)")
        }
        guard try await StaffMemberModel.find(entitlement.staffID, on: database) != nil else {
            throw context.missing("staff member", "id \(entitlement.staffID)")
        }
        let model = EntitlementModel()
        model.id = entitlement.id
        try fill(model, from: entitlement)
        try await model.create(on: database)
    }

    func update(_ entitlement: Entitlement) async throws {
        guard let model = try await EntitlementModel.find(entitlement.id, on: database) else {
            throw context.missing("entitlement", "id \(entitlement.id)")
        }
        try fill(model, from: entitlement)
        try await model.update(on: database)
    }

    private func fill(_ model: EntitlementModel, from entitlement: Entitlement) throws {
        model.staffID = entitlement.staffID
        model.document = try context.coder.encode(entitlement)
    }

    private func decode(_ model: EntitlementModel) throws -> Entitlement {
        try context.coder.decode(Entitlement.self, from: model.document, table: EntitlementModel.schema)
    }

    private static func order(_ a: Entitlement, _ b: Entitlement) -> Bool {
        (a.grantedAt, a.id.uuidString) < (b.grantedAt, b.id.uuidString)
    }
}
