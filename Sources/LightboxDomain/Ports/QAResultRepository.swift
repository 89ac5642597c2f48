import Foundation

/// QA results (append-only: a result is never changed; a repeat is a new result).
public protocol QAResultRepository: Sendable {
    func get(_ id: UUID) async throws -> QAResult?
    /// Results newest first (by `performedAt`), of one room and/or test when given; at most `limit`.
    func list(roomID: UUID?, testCode: String?, limit: Int) async throws -> [QAResult]
    func insert(_ result: QAResult) async throws
}
