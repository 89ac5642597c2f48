import Foundation
import LightboxDomain

/// A stock record as the in-memory store keeps it: the listed columns and the encoded value.
struct StoredStockRecord: Sendable, Equatable {
    var kind: String
    var parentID: UUID?
    var examID: UUID?
    var listedAt: Date
    var document: Data
}

struct InMemoryStock: StockRepository {
    let store: InMemoryDepartmentStore

    func get<R: StockRecord>(_ type: R.Type, _ id: UUID) async throws -> R? {
        guard let stored = await store.read({ $0.stock[id] }), stored.kind == R.kind else { return nil }
        return try JSONDecoder().decode(type, from: stored.document)
    }

    func list<R: StockRecord>(_ type: R.Type, parentID: UUID?, limit: Int) async throws -> [R] {
        try await rows(limit) { $0.kind == R.kind && (parentID == nil || $0.parentID == parentID) }
            .map { try JSONDecoder().decode(type, from: $0) }
    }

    func list<R: StockRecord>(_ type: R.Type, examID: UUID, limit: Int) async throws -> [R] {
        try await rows(limit) { $0.kind == R.kind && $0.examID == examID }
            .map { try JSONDecoder().decode(type, from: $0) }
    }

    func insert<R: StockRecord>(_ record: R) async throws {
        let stored = try Self.stored(record)
        try await store.mutate { try $0.stock.insertNew(stored, key: record.id, what: "stock record") }
    }

    func update<R: StockRecord>(_ record: R) async throws {
        let stored = try Self.stored(record)
        try await store.mutate { try $0.stock.replaceExisting(stored, key: record.id, what: "stock record") }
    }

    private func rows(_ limit: Int, _ matching: @escaping @Sendable (StoredStockRecord) -> Bool) async -> [Data] {
        await store.read { state in
            state.stock.values.filter(matching).sorted { $0.listedAt > $1.listedAt }.prefix(limit).map(\.document)
        }
    }

    static func stored<R: StockRecord>(_ record: R) throws -> StoredStockRecord {
        StoredStockRecord(
            kind: R.kind, parentID: record.parentID, examID: record.examID, listedAt: record.listedAt,
            document: try JSONEncoder().encode(record))
    }
}
