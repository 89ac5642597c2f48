import FluentKit
import SQLKit

/// Interface bookkeeping (HL7 v2): messages already taken in with the acknowledgement sent (idempotent receipt
/// by sender and control id) and the ordering systems' placer order numbers of requests.
struct M0005_CreateInterfaceTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("inbound_messages")
                .field(.id, .uuid, .identifier(auto: false))
                .field("sender", .string, .required)
                .field("control_id", .string, .required)
                .field("message_type", .string, .required)
                .field("acknowledgment", .string, .required)
                .field("received_at", .datetime, .required)
                .unique(on: "sender", "control_id")
                .create()

            try await database.schema("order_numbers")
                .field("placer_order_number", .string, .identifier(auto: false))
                .field("exam_id", .uuid, .required, .references("exams", .id))
                .create()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["order_numbers", "inbound_messages"] {
            try await database.schema(table).delete()
        }
    }
}
