import FluentKit
import Foundation
import LightboxDomain

/// `FaultRepository` on Fluent.
struct FluentFaultRepository: FaultRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> Fault? {
        try await FaultModel.find(id, on: database).map(decode)
    }

    func list(roomID: UUID?, openOnly: Bool, limit: Int) async throws -> [Fault] {
        let query = FaultModel.query(on: database)
        if let roomID { query.filter(\.$roomID == roomID) }
        if openOnly { query.filter(\.$status != Fault.Status.closed.rawValue) }
        return try await query.sort(\.$reportedAt, .descending).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
    }

    func insert(_ fault: Fault) async throws {
        guard try await FaultModel.find(fault.id, on: database) == nil else {
            throw context.duplicate("fault", "id \(fault.id)")
        }
        let model = FaultModel()
        model.id = fault.id
        try fill(model, from: fault)
        try await model.create(on: database)
    }

    func update(_ fault: Fault) async throws {
        guard let model = try await FaultModel.find(fault.id, on: database) else {
            throw context.missing("fault", "id \(fault.id)")
        }
        try fill(model, from: fault)
        try await model.update(on: database)
    }

    private func fill(_ model: FaultModel, from fault: Fault) throws {
        model.roomID = fault.roomID
        model.status = fault.status.rawValue
        model.reportedAt = fault.reportedAt
        model.document = try context.coder.encode(fault)
    }

    private func decode(_ model: FaultModel) throws -> Fault {
        try context.coder.decode(Fault.self, from: model.document, table: FaultModel.schema)
    }
}
