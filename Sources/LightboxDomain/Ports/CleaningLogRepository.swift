import Foundation

/// The rooms' cleaning log (append-only).
public protocol CleaningLogRepository: Sendable {
    /// Entries newest first, of one room when given; at most `limit`.
    func list(roomID: UUID?, limit: Int) async throws -> [CleaningRecord]
    func insert(_ record: CleaningRecord) async throws
}
