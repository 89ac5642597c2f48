import FluentKit
import SQLKit

/// Sign-in records: accounts, API tokens (hashes only) and browser sessions (hashes only), each as a document
/// with the columns sign-in looks them up by.
struct M0003_CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One transaction per migration (both engines have transactional DDL): a failed migration leaves no
        // half-made schema behind.
        try await database.transaction { database in
            try await database.schema("accounts")
                .field(.id, .uuid, .identifier(auto: false))
                .field("username", .string, .required)
                .field("staff_id", .uuid, .references("staff", .id))
                .field("role", .string, .required)
                .field("disabled", .bool, .required)
                .field("created_at", .datetime, .required)
                .field("document", .string, .required)
                .unique(on: "username")
                .create()

            try await database.schema("api_tokens")
                .field(.id, .uuid, .identifier(auto: false))
                .field("account_id", .uuid, .required, .references("accounts", .id, onDelete: .cascade))
                .field("token_hash", .string, .required)
                .field("created_at", .datetime, .required)
                .field("revoked_at", .datetime)
                .field("document", .string, .required)
                .unique(on: "token_hash")
                .create()
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "api_tokens_account_id").on("api_tokens").column("account_id").run()

            try await database.schema("browser_sessions")
                .field("id_hash", .string, .identifier(auto: false))
                .field("account_id", .uuid, .required, .references("accounts", .id, onDelete: .cascade))
                .field("created_at", .datetime, .required)
                .field("expires_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            try await sql.create(index: "browser_sessions_expires_at").on("browser_sessions").column("expires_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["browser_sessions", "api_tokens", "accounts"] {
            try await database.schema(table).delete()
        }
    }
}
