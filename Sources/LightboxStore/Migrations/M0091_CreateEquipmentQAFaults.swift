import FluentKit

/// The equipment register, QA results and faults (issue 17): each value as a document, with the columns it is
/// listed and filtered by.
struct M0091_CreateEquipmentQAFaults: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("equipment_items")
                .field(.id, .uuid, .identifier(auto: false))
                .field("room_id", .uuid, .required)
                .field("description", .string, .required)
                .field("document", .string, .required)
                .create()
            try await database.schema("qa_results")
                .field(.id, .uuid, .identifier(auto: false))
                .field("room_id", .uuid, .required)
                .field("test_code", .string, .required)
                .field("performed_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            try await database.schema("equipment_faults")
                .field(.id, .uuid, .identifier(auto: false))
                .field("room_id", .uuid, .required)
                .field("status", .string, .required)
                .field("reported_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("equipment_faults").delete()
        try await database.schema("qa_results").delete()
        try await database.schema("equipment_items").delete()
    }
}
