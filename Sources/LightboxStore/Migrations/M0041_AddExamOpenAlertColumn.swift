import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// Exams gain an indexed column saying whether an alert on them still waits for someone (`Exam.hasOpenAlert`:
/// an unacknowledged out-of-range observation, or a verified report's alert not yet acknowledged), so the open
/// alerts (the home pages, the reporting worklist) are found without reading every exam's journey. Existing
/// exams get it from their stored journey.
struct M0041_AddExamOpenAlertColumn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            let sql = try LightboxDatabase.sql(database)
            try await sql.raw("ALTER TABLE exams ADD COLUMN alert_open BOOLEAN").run()
            try await sql.create(index: "exams_alert_open").on("exams").column("alert_open").run()
            try await sql.raw("UPDATE exams SET alert_open = \(bind: false)").run()
            let coder = DocumentCoder()
            let rows = try await sql.raw("SELECT id, document FROM exams").all()
            for row in rows {
                let exam = try coder.decode(
                    Exam.self, from: try row.decode(column: "document", as: String.self), table: "exams")
                guard exam.hasOpenAlert else { continue }
                let id = try row.decode(column: "id", as: UUID.self)
                try await sql.raw("UPDATE exams SET alert_open = \(bind: true) WHERE id = \(bind: id)").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try LightboxDatabase.sql(database)
        try await sql.drop(index: "exams_alert_open").run()
        try await sql.raw("ALTER TABLE exams DROP COLUMN alert_open").run()
    }
}
