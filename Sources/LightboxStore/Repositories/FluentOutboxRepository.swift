import FluentKit
import Foundation
import LightboxDomain

/// `OutboxRepository` on Fluent. The sequence is one more than the destination's last, inside the writing
/// transaction; the unique (destination, sequence) key stops two nodes from taking the same place.
struct FluentOutboxRepository: OutboxRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func enqueue(_ message: OutboxMessage) async throws {
        guard try await OutboxMessageModel.find(message.id, on: database) == nil else {
            throw context.duplicate("outbox message", "id \(message.id)")
        }
        let last = try await OutboxMessageModel.query(on: database).filter(\.$destination == message.destination)
            .sort(\.$sequence, .descending).first()
        var stored = message
        stored.sequence = (last?.sequence ?? 0) + 1
        let model = OutboxMessageModel()
        model.id = stored.id
        try fill(model, from: stored)
        try await model.create(on: database)
    }

    func head(destination: String) async throws -> OutboxMessage? {
        try await OutboxMessageModel.query(on: database).filter(\.$destination == destination)
            .filter(\.$deliveredAt == nil).sort(\.$sequence).first().map(decode)
    }

    func update(_ message: OutboxMessage) async throws {
        guard let model = try await OutboxMessageModel.find(message.id, on: database) else {
            throw context.missing("outbox message", "id \(message.id)")
        }
        var stored = message
        stored.sequence = model.sequence
        try fill(model, from: stored)
        try await model.update(on: database)
    }

    func list(destination: String?, pendingOnly: Bool, limit: Int) async throws -> [OutboxMessage] {
        let query = OutboxMessageModel.query(on: database)
        if let destination { query.filter(\.$destination == destination) }
        if pendingOnly { query.filter(\.$deliveredAt == nil) }
        return try await query.sort(\.$destination).sort(\.$sequence)
            .limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
    }

    private func fill(_ model: OutboxMessageModel, from message: OutboxMessage) throws {
        model.destination = message.destination
        model.sequence = message.sequence
        model.deliveredAt = message.deliveredAt
        model.document = try context.coder.encode(message)
    }

    private func decode(_ model: OutboxMessageModel) throws -> OutboxMessage {
        try context.coder.decode(OutboxMessage.self, from: model.document, table: OutboxMessageModel.schema)
    }
}
