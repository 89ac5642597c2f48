import FluentKit
import SQLKit

/// Significant accidental and unintended exposure cases (issue 16): the case as a document, with the columns the
/// physicist's queue is read by.
struct M0080_CreateSAUECases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("saue_cases")
                .field(.id, .uuid, .identifier(auto: false))
                .field("exam_id", .uuid)
                .field("patient_id", .uuid)
                .field("status", .string, .required)
                .field("reported_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "saue_cases_status_reported").on("saue_cases")
                .column("status").column("reported_at").run()
            try await sql.create(index: "saue_cases_patient").on("saue_cases").column("patient_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("saue_cases").delete()
    }
}
