import FluentKit

/// The rooms' cleaning log (issue 17, infection control): append-only.
struct M0092_CreateCleaningLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("cleaning_log")
                .field(.id, .uuid, .identifier(auto: false))
                .field("room_id", .uuid, .required)
                .field("cleaned_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cleaning_log").delete()
    }
}
