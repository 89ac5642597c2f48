import FluentKit
import SQLKit

/// Staff records of issue 17 (training, competencies, supervised practice, CPD, appraisals, home-page notices):
/// one table, one row per record, the domain value as a document beside the columns it is listed by (kind,
/// person, date) and the expiry the scheduled job looks lapses up by.
struct M0100_CreateStaffRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            let sql = try LightboxDatabase.sql(database)
            try await database.schema("staff_records")
                .field(.id, .uuid, .identifier(auto: false))
                .field("kind", .string, .required)
                .field("staff_id", .uuid, .required, .references("staff", .id))
                .field("listed_at", .datetime, .required)
                .field("pending_expiry", .datetime)
                .field("document", .string, .required)
                .create()
            try await sql.create(index: "staff_records_kind_staff").on("staff_records").column("kind")
                .column("staff_id").run()
            try await sql.create(index: "staff_records_kind_expiry").on("staff_records").column("kind")
                .column("pending_expiry").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff_records").delete()
    }
}
