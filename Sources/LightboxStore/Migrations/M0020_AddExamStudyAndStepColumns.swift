import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// Exams gain indexed columns for what the DICOM door looks them up by: the Study Instance UID assigned at
/// booking, the modality's performed procedure step UID (MPPS), and whether the exam waits for a radiographer
/// to resolve a start outside the pathway. Exams booked before this migration get their Study Instance UID
/// column from their id, exactly as booking derives it, so images and MPPS find them too.
struct M0020_AddExamStudyAndStepColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            let sql = try LightboxDatabase.sql(database)
            // One column per statement: SQLite's ALTER TABLE adds one column at a time.
            try await sql.raw("ALTER TABLE exams ADD COLUMN study_instance_uid VARCHAR(64)").run()
            try await sql.raw("ALTER TABLE exams ADD COLUMN mpps_instance_uid VARCHAR(64)").run()
            try await sql.raw("ALTER TABLE exams ADD COLUMN outside_pathway_open BOOLEAN").run()
            try await sql.create(index: "exams_study_instance_uid").on("exams").column("study_instance_uid").run()
            try await sql.create(index: "exams_mpps_instance_uid").on("exams").column("mpps_instance_uid").run()
            try await sql.create(index: "exams_outside_pathway_open").on("exams").column("outside_pathway_open").run()
            let booked = try await sql.raw("SELECT id FROM exams WHERE room_id IS NOT NULL").all()
            for row in booked {
                let id = try row.decode(column: "id", as: UUID.self)
                let uid = StudyInstanceUID.make(from: id)
                try await sql.raw("UPDATE exams SET study_instance_uid = \(bind: uid) WHERE id = \(bind: id)").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try LightboxDatabase.sql(database)
        for index in ["exams_study_instance_uid", "exams_mpps_instance_uid", "exams_outside_pathway_open"] {
            try await sql.drop(index: index).run()
        }
        for column in ["study_instance_uid", "mpps_instance_uid", "outside_pathway_open"] {
            try await sql.raw("ALTER TABLE exams DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
