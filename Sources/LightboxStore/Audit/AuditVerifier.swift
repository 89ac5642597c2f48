import Foundation
import SQLKit

/// Walks the audit chain from the first entry to the head and reports the first entry that breaks it.
///
/// Entries are read in pages by sequence (keyset pagination), so memory stays flat however long the log is, and no
/// transaction is held open, so the server keeps working while a long log is checked. The head is read first and
/// the walk stops at it: an entry appended meanwhile (with a higher sequence) is left for the next run rather than
/// mistaken for a break. `lightbox verify-audit` prints the result and exits non-zero when the chain is broken.
public struct AuditVerifier: Sendable {
    private let database: LightboxDatabase
    private let pageSize: Int

    /// A verifier reading `pageSize` entries per query.
    public init(database: LightboxDatabase, pageSize: Int = 500) {
        self.database = database
        self.pageSize = max(1, pageSize)
    }

    /// Walks the chain from entry 1 to the head. Throws only when the database cannot be read at all.
    public func verify() async throws -> AuditVerification {
        let sql = try database.sql()
        // Head and entries change in the same transaction, so every entry up to the head read here is visible.
        guard let head = try await sql.raw("SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1").first()
        else {
            throw LightboxStoreError.auditChainHeadMissing()
        }
        let headSequence = try head.decode(column: "last_sequence", as: Int64.self)
        let headHash = try head.decode(column: "last_hash", as: String.self)
        var expectedSequence: Int64 = 1
        var previousHash = AuditEntryContent.genesisHash
        var lastSequence: Int64 = 0
        // Starts below every possible sequence so stray rows numbered 0 or less are seen (as a gap).
        var readAfter = Int64.min
        while true {
            let rows = try await sql.raw(
                """
                SELECT sequence, id, at, actor_username, actor_role, action, patient_id, exam_id, door, address, \
                detail, previous_hash, hash FROM audit_entries WHERE sequence > \(bind: readAfter) \
                AND sequence <= \(bind: headSequence) ORDER BY sequence LIMIT \(unsafeRaw: String(pageSize))
                """
            ).all()
            for row in rows {
                let sequence: Int64
                let id: String
                do {
                    sequence = try row.decode(column: "sequence", as: Int64.self)
                    id = try row.decode(column: "id", as: String.self)
                } catch {
                    return .broken(.init(sequence: expectedSequence, entryID: nil, reason: .unreadable("\(error)")))
                }
                guard sequence == expectedSequence else {
                    return .broken(
                        .init(sequence: sequence, entryID: id, reason: .sequenceGap(expected: expectedSequence)))
                }
                let content: AuditEntryContent
                let storedPrevious: String
                let storedHash: String
                do {
                    content = AuditEntryContent(
                        sequence: sequence, id: id, at: try row.decode(column: "at", as: String.self),
                        actorUsername: try row.decode(column: "actor_username", as: String.self),
                        actorRole: try row.decode(column: "actor_role", as: String.self),
                        action: try row.decode(column: "action", as: String.self),
                        patientID: try row.decode(column: "patient_id", as: String?.self),
                        examID: try row.decode(column: "exam_id", as: String?.self),
                        door: try row.decode(column: "door", as: String.self),
                        address: try row.decode(column: "address", as: String?.self),
                        detail: try row.decode(column: "detail", as: String.self))
                    storedPrevious = try row.decode(column: "previous_hash", as: String.self)
                    storedHash = try row.decode(column: "hash", as: String.self)
                } catch {
                    return .broken(.init(sequence: sequence, entryID: id, reason: .unreadable("\(error)")))
                }
                guard storedPrevious == previousHash else {
                    return .broken(.init(sequence: sequence, entryID: id, reason: .previousHashMismatch))
                }
                guard content.hash(previousHash: storedPrevious) == storedHash else {
                    return .broken(.init(sequence: sequence, entryID: id, reason: .contentHashMismatch))
                }
                previousHash = storedHash
                readAfter = sequence
                lastSequence = sequence
                expectedSequence = sequence + 1
            }
            if rows.count < pageSize { break }
        }
        guard headSequence == lastSequence, headHash == previousHash else {
            return .broken(
                .init(sequence: lastSequence, entryID: nil, reason: .headMismatch(headSequence: headSequence)))
        }
        return .intact(entries: lastSequence)
    }
}
