import Foundation
import SQLKit

/// Appends entries to the hash chain inside the caller's transaction.
///
/// The head row is read with `FOR UPDATE` on PostgreSQL, so a second transaction (on this node or another) waits at
/// that point until the first commits or rolls back, then reads the new head: the chain stays linear and sequences
/// stay gap-free. On SQLite the transaction already holds the database's only write lock (`BEGIN IMMEDIATE`).
/// The unique primary key on `sequence` is the last line of defence either way.
struct AuditChainWriter: Sendable {
    let engine: LightboxDatabase.Engine

    /// An entry waiting for its sequence number.
    struct Pending: Sendable {
        var id: UUID
        var at: Date
        var actorUsername: String
        var actorRole: String
        var action: String
        var patientID: UUID?
        var examID: UUID?
        var door: String
        var address: String?
        var detail: String
    }

    /// Appends `entries` in order and returns what was stored.
    @discardableResult
    func append(_ entries: [Pending], on sql: any SQLDatabase) async throws -> [AuditEntryContent] {
        guard !entries.isEmpty else { return [] }
        let lock = engine == .postgres ? " FOR UPDATE" : ""
        guard
            let head = try await sql.raw(
                "SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1\(unsafeRaw: lock)"
            ).first()
        else {
            throw LightboxStoreError.auditChainHeadMissing()
        }
        var sequence = try head.decode(column: "last_sequence", as: Int64.self)
        var previousHash = try head.decode(column: "last_hash", as: String.self)
        var stored: [AuditEntryContent] = []
        for entry in entries {
            sequence += 1
            let content = AuditEntryContent(
                sequence: sequence, id: entry.id.uuidString.lowercased(), at: AuditEntryContent.timestamp(entry.at),
                actorUsername: entry.actorUsername, actorRole: entry.actorRole, action: entry.action,
                patientID: entry.patientID?.uuidString.lowercased(), examID: entry.examID?.uuidString.lowercased(),
                door: entry.door, address: entry.address, detail: entry.detail)
            let hash = content.hash(previousHash: previousHash)
            try await sql.raw(
                """
                INSERT INTO audit_entries (sequence, id, at, actor_username, actor_role, action, patient_id, exam_id, \
                door, address, detail, previous_hash, hash) VALUES (\(bind: content.sequence), \(bind: content.id), \
                \(bind: content.at), \(bind: content.actorUsername), \(bind: content.actorRole), \(bind: content.action), \
                \(bind: content.patientID), \(bind: content.examID), \(bind: content.door), \(bind: content.address), \
                \(bind: content.detail), \(bind: previousHash), \(bind: hash))
                """
            ).run()
            previousHash = hash
            stored.append(content)
        }
        try await sql.raw(
            "UPDATE audit_chain_head SET last_sequence = \(bind: sequence), last_hash = \(bind: previousHash) WHERE id = 1"
        ).run()
        return stored
    }
}
