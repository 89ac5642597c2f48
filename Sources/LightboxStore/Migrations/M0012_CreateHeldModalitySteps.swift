import FluentKit
import SQLKit

/// MPPS steps held for exams Lightbox does not know (issue 13): the step as a document, with the columns it is
/// found by (its SOP Instance UID, unique) and listed by (the decision, oldest first).
struct M0012_CreateHeldModalitySteps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("held_modality_steps")
                .field(.id, .uuid, .identifier(auto: false))
                .field("sop_instance_uid", .string, .required)
                .field("decision", .string, .required)
                .field("exam_id", .uuid)
                .field("received_at", .datetime, .required)
                .field("document", .string, .required)
                .unique(on: "sop_instance_uid")
                .create()
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "held_modality_steps_decision").on("held_modality_steps")
                .column("decision").column("received_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("held_modality_steps").delete()
    }
}
