import Foundation
import LightboxDomain

/// A staff record as the in-memory store keeps it: the listed columns and the encoded value.
struct StoredStaffRecord: Sendable, Equatable {
    var kind: String
    var staffID: UUID
    var listedAt: Date
    var pendingExpiry: Date?
    var document: Data
}

struct InMemoryStaffRecords: StaffRecordRepository {
    let store: InMemoryDepartmentStore

    func get<R: StaffRecord>(_ type: R.Type, _ id: UUID) async throws -> R? {
        guard let stored = await store.read({ $0.staffRecords[id] }), stored.kind == R.kind else { return nil }
        return try JSONDecoder().decode(type, from: stored.document)
    }

    func list<R: StaffRecord>(_ type: R.Type, staffID: UUID?, limit: Int) async throws -> [R] {
        let rows = await store.read { state in
            state.staffRecords.filter { $0.value.kind == R.kind && (staffID == nil || $0.value.staffID == staffID) }
                .sorted { ($0.value.listedAt, $1.key.uuidString) > ($1.value.listedAt, $0.key.uuidString) }
                .prefix(limit).map(\.value.document)
        }
        return try rows.map { try JSONDecoder().decode(type, from: $0) }
    }

    func lapsing<R: StaffRecord>(_ type: R.Type, atOrBefore moment: Date, limit: Int) async throws -> [R] {
        let rows = await store.read { state in
            state.staffRecords.values.filter { $0.kind == R.kind && ($0.pendingExpiry.map { $0 <= moment } ?? false) }
                .sorted { ($0.pendingExpiry ?? moment) < ($1.pendingExpiry ?? moment) }.prefix(limit).map(\.document)
        }
        return try rows.map { try JSONDecoder().decode(type, from: $0) }
    }

    func insert<R: StaffRecord>(_ record: R) async throws {
        let stored = try Self.stored(record)
        try await store.mutate { try $0.staffRecords.insertNew(stored, key: record.id, what: "staff record") }
    }

    func update<R: StaffRecord>(_ record: R) async throws {
        let stored = try Self.stored(record)
        try await store.mutate { try $0.staffRecords.replaceExisting(stored, key: record.id, what: "staff record") }
    }

    static func stored<R: StaffRecord>(_ record: R) throws -> StoredStaffRecord {
        StoredStaffRecord(
            kind: R.kind, staffID: record.staffID, listedAt: record.listedAt, pendingExpiry: record.pendingExpiry,
            document: try JSONEncoder().encode(record))
    }
}
