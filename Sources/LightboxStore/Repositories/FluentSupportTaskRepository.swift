import FluentKit
import Foundation
import LightboxDomain

/// `SupportTaskRepository` on Fluent. Every write is announced as a live event once the unit of work commits, so
/// every open task board shows it.
struct FluentSupportTaskRepository: SupportTaskRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> SupportTask? {
        try await SupportTaskModel.find(id, on: database).map(decode)
    }

    func list(_ query: SupportTaskQuery) async throws -> [SupportTask] {
        let builder = SupportTaskModel.query(on: database)
        if !query.statuses.isEmpty { builder.filter(\.$status ~~ query.statuses.map(\.rawValue)) }
        if !query.kinds.isEmpty { builder.filter(\.$kind ~~ query.kinds.map(\.rawValue)) }
        if let roomID = query.roomID { builder.filter(\.$roomID == roomID) }
        if let examID = query.examID { builder.filter(\.$examID == examID) }
        if let stockItemID = query.stockItemID { builder.filter(\.$stockItemID == stockItemID) }
        if let claimedBy = query.claimedBy { builder.filter(\.$claimedBy == claimedBy) }
        if query.newestFirst {
            builder.sort(\.$requestedAt, .descending).sort(\.$id)
        } else {
            builder.sort(\.$dueAt).sort(\.$requestedAt).sort(\.$id)
        }
        return try await builder.limit(RepositoryContext.boundedLimit(query.limit)).all().map(decode)
    }

    func insert(_ task: SupportTask) async throws {
        guard try await SupportTaskModel.find(task.id, on: database) == nil else {
            throw context.duplicate("task", "id \(task.id)")
        }
        let model = SupportTaskModel()
        model.id = task.id
        try fill(model, from: task)
        try await model.create(on: database)
        context.changes?.record(task)
    }

    func update(_ task: SupportTask) async throws {
        guard let model = try await SupportTaskModel.find(task.id, on: database) else {
            throw context.missing("task", "id \(task.id)")
        }
        try fill(model, from: task)
        try await model.update(on: database)
        context.changes?.record(task)
    }

    private func fill(_ model: SupportTaskModel, from task: SupportTask) throws {
        model.kind = task.kind.rawValue
        model.status = task.status.rawValue
        model.roomID = task.roomID
        model.examID = task.examID
        model.stockItemID = task.stockItemID
        model.claimedBy = task.claimedBy
        model.dueAt = task.dueAt
        model.requestedAt = task.requestedAt
        model.document = try context.coder.encode(task)
    }

    private func decode(_ model: SupportTaskModel) throws -> SupportTask {
        try context.coder.decode(SupportTask.self, from: model.document, table: SupportTaskModel.schema)
    }
}
