import FluentKit
import Foundation

/// An `EquipmentItem` row.
final class EquipmentItemModel: Model, @unchecked Sendable {
    static let schema = "equipment_items"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "room_id") var roomID: UUID
    @Field(key: "description") var description: String
    @Field(key: "document") var document: String

    init() {}
}
