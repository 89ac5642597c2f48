import Foundation

/// The rota: who covers each room per day and session.
public protocol RotaRepository: Sendable {
    func get(_ id: UUID) async throws -> RotaAssignment?
    /// Assignments from `first` to `last` (inclusive), of one room or one member of staff when given, by day, session
    /// and room; at most `limit`.
    func list(from first: CalendarDate, to last: CalendarDate, roomID: UUID?, staffID: UUID?, limit: Int) async throws
        -> [RotaAssignment]
    func insert(_ assignment: RotaAssignment) async throws
    func delete(_ id: UUID) async throws
}
