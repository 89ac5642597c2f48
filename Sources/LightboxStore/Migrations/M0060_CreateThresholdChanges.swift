import FluentKit

/// Threshold changes signed off by the medical physics expert (issue 15 item 10): append-only history.
struct M0060_CreateThresholdChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("threshold_changes")
                .field(.id, .uuid, .identifier(auto: false))
                .field("name", .string, .required)
                .field("value", .string, .required)
                .field("effective_from", .datetime, .required)
                .field("signed_off_by", .uuid, .required)
                .field("signed_off_by_name", .string, .required)
                .field("changed_by", .string, .required)
                .field("reason", .string, .required)
                .field("recorded_at", .datetime, .required)
                .create()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("threshold_changes").delete()
    }
}
