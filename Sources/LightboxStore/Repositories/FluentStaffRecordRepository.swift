import FluentKit
import Foundation
import LightboxDomain

/// `StaffRecordRepository` on Fluent: every kind in one table, told apart by `kind`. Records are never deleted.
struct FluentStaffRecordRepository: StaffRecordRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get<R: StaffRecord>(_ type: R.Type, _ id: UUID) async throws -> R? {
        guard let model = try await StaffRecordModel.find(id, on: database), model.kind == R.kind else { return nil }
        return try decode(type, model)
    }

    func list<R: StaffRecord>(_ type: R.Type, staffID: UUID?, limit: Int) async throws -> [R] {
        var query = StaffRecordModel.query(on: database).filter(\.$kind == R.kind)
        if let staffID { query = query.filter(\.$staffID == staffID) }
        return try await query.sort(\.$listedAt, .descending).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(limit)).all().map { try decode(type, $0) }
    }

    func lapsing<R: StaffRecord>(_ type: R.Type, atOrBefore moment: Date, limit: Int) async throws -> [R] {
        try await StaffRecordModel.query(on: database).filter(\.$kind == R.kind)
            .filter(\.$pendingExpiry != nil).filter(\.$pendingExpiry <= moment)
            .sort(\.$pendingExpiry).sort(\.$id).limit(RepositoryContext.boundedLimit(limit)).all()
            .map { try decode(type, $0) }
    }

    func insert<R: StaffRecord>(_ record: R) async throws {
        guard try await StaffRecordModel.find(record.id, on: database) == nil else {
            throw context.duplicate("staff record", "id \(record.id)")
        }
        guard try await StaffMemberModel.find(record.staffID, on: database) != nil else {
            throw context.missing("staff member", "id \(record.staffID)")
        }
        let model = StaffRecordModel()
        model.id = record.id
        try fill(model, from: record)
        try await model.create(on: database)
    }

    func update<R: StaffRecord>(_ record: R) async throws {
        guard let model = try await StaffRecordModel.find(record.id, on: database), model.kind == R.kind else {
            throw context.missing("staff record", "id \(record.id)")
        }
        try fill(model, from: record)
        try await model.update(on: database)
    }

    private func fill<R: StaffRecord>(_ model: StaffRecordModel, from record: R) throws {
        model.kind = R.kind
        model.staffID = record.staffID
        model.listedAt = record.listedAt
        model.pendingExpiry = record.pendingExpiry
        model.document = try context.coder.encode(record)
    }

    private func decode<R: StaffRecord>(_ type: R.Type, _ model: StaffRecordModel) throws -> R {
        try context.coder.decode(type, from: model.document, table: StaffRecordModel.schema)
    }
}
