import FluentKit
import Foundation
import LightboxDomain

/// `StaffRepository` on Fluent.
struct FluentStaffRepository: StaffRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> StaffMember? {
        try await StaffMemberModel.find(id, on: database).map(decode)
    }

    func list() async throws -> [StaffMember] {
        try await StaffMemberModel.query(on: database).sort(\.$familyNameKey).sort(\.$id).all().map(decode)
    }

    func insert(_ member: StaffMember) async throws {
        guard try await StaffMemberModel.find(member.id, on: database) == nil else {
            throw context.duplicate("staff member", "id \(member.id)")
        }
        let model = StaffMemberModel()
        model.id = member.id
        try fill(model, from: member)
        try await model.create(on: database)
    }

    func update(_ member: StaffMember) async throws {
        guard let model = try await StaffMemberModel.find(member.id, on: database) else {
            throw context.missing("staff member", "id \(member.id)")
        }
        try fill(model, from: member)
        try await model.update(on: database)
    }

    private func fill(_ model: StaffMemberModel, from member: StaffMember) throws {
        model.familyNameKey = member.name.family.familyNameSearchKey
        model.document = try context.coder.encode(member)
    }

    private func decode(_ model: StaffMemberModel) throws -> StaffMember {
        try context.coder.decode(StaffMember.self, from: model.document, table: StaffMemberModel.schema)
    }
}
