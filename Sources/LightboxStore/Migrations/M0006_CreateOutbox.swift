import FluentKit
import SQLKit

/// The interface outbox: messages to send per destination, strictly in `sequence` order.
struct M0006_CreateOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("outbox_messages")
                .field(.id, .uuid, .identifier(auto: false))
                .field("destination", .string, .required)
                .field("sequence", .int64, .required)
                .field("delivered_at", .datetime)
                .field("document", .string, .required)
                .unique(on: "destination", "sequence")
                .create()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_messages").delete()
    }
}
