import FluentKit

/// The support workers' task board (issue 14): each task as a document, with the columns the board filters by
/// (state, kind, room, exam, stock item, who claimed it) and orders by (due time).
struct M0120_CreateSupportTasks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("support_tasks")
                .field(.id, .uuid, .identifier(auto: false))
                .field("kind", .string, .required)
                .field("status", .string, .required)
                .field("room_id", .uuid)
                .field("exam_id", .uuid)
                .field("stock_item_id", .uuid)
                .field("claimed_by", .string)
                .field("due_at", .datetime, .required)
                .field("requested_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("support_tasks").delete()
    }
}
