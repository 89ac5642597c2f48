import FluentKit
import SQLKit

/// Staff dosimetry (issue 16): personal dosemeter readings, the investigations they open and classifications, each
/// a document with the columns it is read by.
struct M0081_CreateStaffDosimetry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("dosemeter_readings")
                .field(.id, .uuid, .identifier(auto: false))
                .field("staff_id", .uuid, .required)
                .field("period_end", .string, .required)
                .field("recorded_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            try await database.schema("staff_dose_investigations")
                .field(.id, .uuid, .identifier(auto: false))
                .field("staff_id", .uuid, .required)
                .field("open", .bool, .required)
                .field("opened_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            try await database.schema("classified_workers")
                .field(.id, .uuid, .identifier(auto: false))
                .field("staff_id", .uuid, .required)
                .field("changed_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "dosemeter_readings_staff").on("dosemeter_readings")
                .column("staff_id").column("period_end").run()
            try await sql.create(index: "staff_dose_investigations_open").on("staff_dose_investigations")
                .column("open").column("opened_at").run()
            try await sql.create(index: "classified_workers_staff").on("classified_workers")
                .column("staff_id").column("changed_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["classified_workers", "staff_dose_investigations", "dosemeter_readings"] {
            try await database.schema(table).delete()
        }
    }
}
