import Foundation

/// Equipment faults.
public protocol FaultRepository: Sendable {
    func get(_ id: UUID) async throws -> Fault?
    /// Faults newest first (by `reportedAt`), of one room when given, only those not closed when `openOnly`;
    /// at most `limit`.
    func list(roomID: UUID?, openOnly: Bool, limit: Int) async throws -> [Fault]
    func insert(_ fault: Fault) async throws
    func update(_ fault: Fault) async throws
}
