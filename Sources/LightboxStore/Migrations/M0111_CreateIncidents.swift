import FluentKit
import SQLKit

/// Incidents and near misses (issue 17): the incident as a document, with the columns the manager's listing filters
/// by (status, kind, category, room, occurrence) and the links to the patient, exam and dose incident case.
struct M0111_CreateIncidents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("incidents")
                .field(.id, .uuid, .identifier(auto: false))
                .field("kind", .string, .required)
                .field("category", .string, .required)
                .field("status", .string, .required)
                .field("occurred_at", .datetime, .required)
                .field("reported_at", .datetime, .required)
                .field("room_id", .uuid)
                .field("exam_id", .uuid)
                .field("patient_id", .uuid)
                .field("saue_case_id", .uuid)
                .field("document", .string, .required)
                .create()
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "incidents_status_occurred").on("incidents")
                .column("status").column("occurred_at").run()
            try await sql.create(index: "incidents_occurred").on("incidents").column("occurred_at").run()
            try await sql.create(index: "incidents_patient").on("incidents").column("patient_id").run()
            try await sql.create(index: "incidents_exam").on("incidents").column("exam_id").run()
            try await sql.create(index: "incidents_saue_case").on("incidents").column("saue_case_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("incidents").delete()
    }
}
