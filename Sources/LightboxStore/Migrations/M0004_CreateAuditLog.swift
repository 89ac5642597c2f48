import FluentKit
import SQLKit

/// The hash-chained audit log and the one-row head of the chain.
///
/// `audit_entries.sequence` is the integer primary key (1, 2, 3, … with no gaps) so an entry is easy to name.
/// Every column is text or integer, stored identically on SQLite and PostgreSQL, because the hash covers the
/// stored text. `audit_chain_head` holds the last sequence and hash; appends lock it (PostgreSQL: `FOR UPDATE`),
/// which is what keeps two writers, or two Lightbox nodes, from forking the chain.
struct M0004_CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One transaction per migration (both engines have transactional DDL): a failed migration leaves no
        // half-made schema behind.
        try await database.transaction { database in
            try await database.schema("audit_entries")
                .field("sequence", .int64, .identifier(auto: false))
                .field("id", .string, .required)
                .field("at", .string, .required)
                .field("actor_username", .string, .required)
                .field("actor_role", .string, .required)
                .field("action", .string, .required)
                .field("patient_id", .string)
                .field("exam_id", .string)
                .field("door", .string, .required)
                .field("address", .string)
                .field("detail", .string, .required)
                .field("previous_hash", .string, .required)
                .field("hash", .string, .required)
                .unique(on: "id")
                .create()
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "audit_entries_patient_id").on("audit_entries").column("patient_id").run()
            try await sql.create(index: "audit_entries_exam_id").on("audit_entries").column("exam_id").run()
            try await sql.create(index: "audit_entries_at").on("audit_entries").column("at").run()

            try await database.schema("audit_chain_head")
                .field("id", .int64, .identifier(auto: false))
                .field("last_sequence", .int64, .required)
                .field("last_hash", .string, .required)
                .create()
            try await sql.raw(
                "INSERT INTO audit_chain_head (id, last_sequence, last_hash) VALUES (1, 0, \(bind: AuditEntryContent.genesisHash))"
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_chain_head").delete()
        try await database.schema("audit_entries").delete()
    }
}
