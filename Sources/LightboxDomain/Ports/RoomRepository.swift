import Foundation

/// Rooms and mobile units.
public protocol RoomRepository: Sendable {
    func get(_ id: UUID) async throws -> Room?
    func list() async throws -> [Room]
    func insert(_ room: Room) async throws
    func update(_ room: Room) async throws
}
