import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// Exams gain the columns the department's statistics aggregate (`ExamFacts`): priority and patient source, when
/// the exam left the waiting list, when, where and by whom it was performed, images acquired and rejected, when
/// its report was issued, and whether a pregnancy status was recorded; with indexes for the census and period
/// queries. Existing exams get their facts from their stored journey.
struct M0110_AddExamStatisticsColumns: AsyncMigration {
    static let columns: [(name: String, type: DatabaseSchema.DataType)] = [
        ("priority", .string), ("patient_source", .string), ("waiting_ended_at", .datetime),
        ("performed_at", .datetime), ("performed_room_id", .uuid), ("operator_staff_id", .uuid),
        ("images_acquired", .int), ("images_rejected", .int), ("report_issued_at", .datetime),
        ("pregnancy_recorded", .bool),
    ]

    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            // One column per statement: SQLite's ALTER TABLE adds one column at a time.
            for column in Self.columns {
                try await database.schema("exams").field(
                    .definition(name: .key(.string(column.name)), dataType: column.type, constraints: [])
                ).update()
            }
            let sql = try LightboxDatabase.sql(database)
            try await sql.create(index: "exams_waiting").on("exams").column("requested_at").column("waiting_ended_at")
                .run()
            try await sql.create(index: "exams_performed_at").on("exams").column("performed_at").run()
            try await sql.create(index: "exams_report_issued_at").on("exams").column("report_issued_at").run()
            let coder = DocumentCoder()
            let rows = try await sql.raw("SELECT id, document FROM exams").all()
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                let exam = try coder.decode(
                    Exam.self, from: try row.decode(column: "document", as: String.self), table: "exams")
                let facts = ExamFacts(exam)
                try await sql.update("exams")
                    .set("priority", to: facts.priority.rawValue)
                    .set("patient_source", to: facts.patientSource?.rawValue)
                    .set("waiting_ended_at", to: facts.waitingEndedAt)
                    .set("performed_at", to: facts.performedAt)
                    .set("performed_room_id", to: facts.performedRoomID)
                    .set("operator_staff_id", to: facts.operatorStaffID)
                    .set("images_acquired", to: facts.imagesAcquired)
                    .set("images_rejected", to: facts.imagesRejected)
                    .set("report_issued_at", to: facts.reportIssuedAt)
                    .set("pregnancy_recorded", to: facts.pregnancyStatusRecorded)
                    .where("id", .equal, id)
                    .run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try LightboxDatabase.sql(database)
        for index in ["exams_waiting", "exams_performed_at", "exams_report_issued_at"] {
            try await sql.drop(index: index).run()
        }
        for column in Self.columns {
            try await database.schema("exams").deleteField(.string(column.name)).update()
        }
    }
}
