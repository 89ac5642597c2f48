import FluentKit
import Foundation
import LightboxDomain

/// `CleaningLogRepository` on Fluent: one row per clean, never updated.
struct FluentCleaningLogRepository: CleaningLogRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func list(roomID: UUID?, limit: Int) async throws -> [CleaningRecord] {
        let query = CleaningRecordModel.query(on: database)
        if let roomID { query.filter(\.$roomID == roomID) }
        return try await query.sort(\.$cleanedAt, .descending).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(limit)).all()
            .map { try context.coder.decode(CleaningRecord.self, from: $0.document, table: CleaningRecordModel.schema) }
    }

    func insert(_ record: CleaningRecord) async throws {
        guard try await CleaningRecordModel.find(record.id, on: database) == nil else {
            throw context.duplicate("cleaning record", "id \(record.id)")
        }
        let model = CleaningRecordModel()
        model.id = record.id
        model.roomID = record.roomID
        model.cleanedAt = record.cleanedAt
        model.document = try context.coder.encode(record)
        try await model.create(on: database)
    }
}
