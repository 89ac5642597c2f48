import Foundation

/// The equipment register.
public protocol EquipmentRepository: Sendable {
    func get(_ id: UUID) async throws -> EquipmentItem?
    /// Every item, or one room's, by room then description.
    func list(roomID: UUID?) async throws -> [EquipmentItem]
    func insert(_ item: EquipmentItem) async throws
    func update(_ item: EquipmentItem) async throws
}
