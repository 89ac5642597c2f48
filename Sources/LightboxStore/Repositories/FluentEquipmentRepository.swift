import FluentKit
import Foundation
import LightboxDomain

/// `EquipmentRepository` on Fluent.
struct FluentEquipmentRepository: EquipmentRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    /// The most items one listing returns (a department has tens to hundreds).
    static let maximumItems = 5_000

    func get(_ id: UUID) async throws -> EquipmentItem? {
        try await EquipmentItemModel.find(id, on: database).map(decode)
    }

    func list(roomID: UUID?) async throws -> [EquipmentItem] {
        let query = EquipmentItemModel.query(on: database)
        if let roomID { query.filter(\.$roomID == roomID) }
        return try await query.sort(\.$roomID).sort(\.$description).sort(\.$id).limit(Self.maximumItems).all()
            .map(decode)
    }

    func insert(_ item: EquipmentItem) async throws {
        guard try await EquipmentItemModel.find(item.id, on: database) == nil else {
            throw context.duplicate("equipment item", "id \(item.id)")
        }
        let model = EquipmentItemModel()
        model.id = item.id
        try fill(model, from: item)
        try await model.create(on: database)
    }

    func update(_ item: EquipmentItem) async throws {
        guard let model = try await EquipmentItemModel.find(item.id, on: database) else {
            throw context.missing("equipment item", "id \(item.id)")
        }
        try fill(model, from: item)
        try await model.update(on: database)
    }

    private func fill(_ model: EquipmentItemModel, from item: EquipmentItem) throws {
        model.roomID = item.roomID
        model.description = item.description
        model.document = try context.coder.encode(item)
    }

    private func decode(_ model: EquipmentItemModel) throws -> EquipmentItem {
        try context.coder.decode(EquipmentItem.self, from: model.document, table: EquipmentItemModel.schema)
    }
}
