import Foundation

/// The stock ledger (`StockRecord`s of every kind). Nothing is deleted: levels change through movements.
public protocol StockRepository: Sendable {
    func get<R: StockRecord>(_ type: R.Type, _ id: UUID) async throws -> R?
    /// Records of one kind, of one parent or of all, newest first, at most `limit`.
    func list<R: StockRecord>(_ type: R.Type, parentID: UUID?, limit: Int) async throws -> [R]
    /// Records of one kind concerning one exam (contrast given in it).
    func list<R: StockRecord>(_ type: R.Type, examID: UUID, limit: Int) async throws -> [R]
    func insert<R: StockRecord>(_ record: R) async throws
    func update<R: StockRecord>(_ record: R) async throws
}
