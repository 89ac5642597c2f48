import FluentKit
import SQLKit

/// Exams: the journey as a JSON document, with indexed columns for what lists and worklists search (state, room,
/// appointment time, patient, accession number, request time).
struct M0002_CreateExams: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One transaction per migration (both engines have transactional DDL): a failed migration leaves no
        // half-made schema behind.
        try await database.transaction { database in
            try await database.schema("exams")
                .field(.id, .uuid, .identifier(auto: false))
                .field("accession_number", .string, .required)
                .field("patient_id", .uuid, .required, .references("patients", .id))
                .field("referrer_id", .uuid, .required, .references("referrers", .id))
                .field("exam_code", .string, .required)
                .field("modality", .string, .required)
                .field("state", .string, .required)
                .field("room_id", .uuid, .references("rooms", .id))
                .field("scheduled_at", .datetime)
                .field("requested_at", .datetime, .required)
                .field("document", .string, .required)
                .unique(on: "accession_number")
                .create()
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "exams_patient_id").on("exams").column("patient_id").run()
            try await sql.create(index: "exams_state").on("exams").column("state").run()
            try await sql.create(index: "exams_room_scheduled").on("exams").column("room_id").column("scheduled_at")
                .run()
            try await sql.create(index: "exams_scheduled_at").on("exams").column("scheduled_at").run()
            try await sql.create(index: "exams_requested_at").on("exams").column("requested_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("exams").delete()
    }
}
