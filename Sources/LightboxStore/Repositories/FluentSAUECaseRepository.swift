import FluentKit
import Foundation
import LightboxDomain

/// `SAUECaseRepository` on Fluent: one row per case, its status kept in a column for the physicist's queue.
struct FluentSAUECaseRepository: SAUECaseRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> SAUECase? {
        try await SAUECaseModel.find(id, on: database).map(decode)
    }

    func list(status: SAUECase.Status?, limit: Int) async throws -> [SAUECase] {
        var query = SAUECaseModel.query(on: database)
        if let status { query = query.filter(\.$status == status.rawValue) }
        return try await query.sort(\.$reportedAt, .descending).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
    }

    func insert(_ saueCase: SAUECase) async throws {
        let model = SAUECaseModel()
        model.id = saueCase.id
        try fill(model, saueCase)
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("SAUE case", "id \(saueCase.id)")
        }
    }

    func update(_ saueCase: SAUECase) async throws {
        guard let model = try await SAUECaseModel.find(saueCase.id, on: database) else {
            throw context.missing("SAUE case", "id \(saueCase.id)")
        }
        try fill(model, saueCase)
        try await model.update(on: database)
    }

    private func fill(_ model: SAUECaseModel, _ saueCase: SAUECase) throws {
        model.examID = saueCase.examID
        model.patientID = saueCase.patientID
        model.status = saueCase.status.rawValue
        model.reportedAt = saueCase.reportedAt
        model.document = try context.coder.encode(saueCase)
    }

    private func decode(_ model: SAUECaseModel) throws -> SAUECase {
        try context.coder.decode(SAUECase.self, from: model.document, table: SAUECaseModel.schema)
    }
}
