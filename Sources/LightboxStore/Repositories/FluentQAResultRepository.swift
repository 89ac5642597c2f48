import FluentKit
import Foundation
import LightboxDomain

/// `QAResultRepository` on Fluent: one row per result, never updated.
struct FluentQAResultRepository: QAResultRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> QAResult? {
        try await QAResultModel.find(id, on: database).map(decode)
    }

    func list(roomID: UUID?, testCode: String?, limit: Int) async throws -> [QAResult] {
        let query = QAResultModel.query(on: database)
        if let roomID { query.filter(\.$roomID == roomID) }
        if let testCode { query.filter(\.$testCode == testCode) }
        return try await query.sort(\.$performedAt, .descending).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
    }

    func insert(_ result: QAResult) async throws {
        guard try await QAResultModel.find(result.id, on: database) == nil else {
            throw context.duplicate("QA result", "id \(result.id)")
        }
        let model = QAResultModel()
        model.id = result.id
        model.roomID = result.roomID
        model.testCode = result.testCode
        model.performedAt = result.performedAt
        model.document = try context.coder.encode(result)
        try await model.create(on: database)
    }

    private func decode(_ model: QAResultModel) throws -> QAResult {
        try context.coder.decode(QAResult.self, from: model.document, table: QAResultModel.schema)
    }
}
