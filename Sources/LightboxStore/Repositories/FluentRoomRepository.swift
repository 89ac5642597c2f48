import FluentKit
import Foundation
import LightboxDomain

/// `RoomRepository` on Fluent.
struct FluentRoomRepository: RoomRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> Room? {
        try await RoomModel.find(id, on: database).map(decode)
    }

    func list() async throws -> [Room] {
        try await RoomModel.query(on: database).sort(\.$name).sort(\.$id).all().map(decode)
    }

    func insert(_ room: Room) async throws {
        guard try await RoomModel.find(room.id, on: database) == nil else {
            throw context.duplicate("room", "id \(room.id)")
        }
        let model = RoomModel()
        model.id = room.id
        try fill(model, from: room)
        try await model.create(on: database)
    }

    func update(_ room: Room) async throws {
        guard let model = try await RoomModel.find(room.id, on: database) else {
            throw context.missing("room", "id \(room.id)")
        }
        try fill(model, from: room)
        try await model.update(on: database)
    }

    private func fill(_ model: RoomModel, from room: Room) throws {
        model.name = room.name
        model.document = try context.coder.encode(room)
    }

    private func decode(_ model: RoomModel) throws -> Room {
        try context.coder.decode(Room.self, from: model.document, table: RoomModel.schema)
    }
}
