import FluentKit
import Foundation
import LightboxDomain

/// `StockRepository` on Fluent: every kind in one table, told apart by `kind`. Records are never deleted.
struct FluentStockRepository: StockRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get<R: StockRecord>(_ type: R.Type, _ id: UUID) async throws -> R? {
        guard let model = try await StockRecordModel.find(id, on: database), model.kind == R.kind else { return nil }
        return try decode(type, model)
    }

    func list<R: StockRecord>(_ type: R.Type, parentID: UUID?, limit: Int) async throws -> [R] {
        var query = StockRecordModel.query(on: database).filter(\.$kind == R.kind)
        if let parentID { query = query.filter(\.$parentID == parentID) }
        return try await query.sort(\.$listedAt, .descending).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(limit)).all().map { try decode(type, $0) }
    }

    func list<R: StockRecord>(_ type: R.Type, examID: UUID, limit: Int) async throws -> [R] {
        try await StockRecordModel.query(on: database).filter(\.$kind == R.kind).filter(\.$examID == examID)
            .sort(\.$listedAt, .descending).sort(\.$id).limit(RepositoryContext.boundedLimit(limit)).all()
            .map { try decode(type, $0) }
    }

    func insert<R: StockRecord>(_ record: R) async throws {
        guard try await StockRecordModel.find(record.id, on: database) == nil else {
            throw context.duplicate("stock record", "id \(record.id)")
        }
        let model = StockRecordModel()
        model.id = record.id
        try fill(model, from: record)
        try await model.create(on: database)
    }

    func update<R: StockRecord>(_ record: R) async throws {
        guard let model = try await StockRecordModel.find(record.id, on: database), model.kind == R.kind else {
            throw context.missing("stock record", "id \(record.id)")
        }
        try fill(model, from: record)
        try await model.update(on: database)
    }

    private func fill<R: StockRecord>(_ model: StockRecordModel, from record: R) throws {
        model.kind = R.kind
        model.parentID = record.parentID
        model.examID = record.examID
        model.listedAt = record.listedAt
        model.document = try context.coder.encode(record)
    }

    private func decode<R: StockRecord>(_ type: R.Type, _ model: StockRecordModel) throws -> R {
        try context.coder.decode(type, from: model.document, table: StockRecordModel.schema)
    }
}
