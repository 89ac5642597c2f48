import Foundation
import LightboxTestSupport

/// Reads audit rows straight from the database with the engine's own client (sqlite3, psql), so
/// the test sees what is stored, not what Lightbox says is stored.
enum AuditRows {
    static func actions(_ database: TestDatabase, examID: String) async throws -> [String] {
        try query(
            database, "SELECT action FROM audit_entries WHERE lower(exam_id) = lower('\(examID)') ORDER BY sequence")
    }

    static func actions(_ database: TestDatabase, patientID: String) async throws -> [String] {
        try query(
            database,
            "SELECT action FROM audit_entries WHERE lower(patient_id) = lower('\(patientID)') ORDER BY sequence")
    }

    static func query(_ database: TestDatabase, _ sql: String) throws -> [String] {
        switch database.engine {
        case .sqlite:
            let sqlite = try ExternalProgram(path: "/usr/bin/sqlite3")
            let result = try sqlite.run([database.sqlitePath ?? "", sql])
            guard result.status == 0 else {
                throw ExternalProgram.Missing(description: "sqlite3 failed: \(result.standardError)")
            }
            return result.lines
        case .postgres:
            let psql = try ExternalProgram(path: "/usr/bin/psql")
            let result = try psql.run([
                database.postgresURL ?? "", "-At", "-c",
                "SET search_path TO \(database.postgresSchema ?? "public"); \(sql)",
            ])
            guard result.status == 0 else {
                throw ExternalProgram.Missing(description: "psql failed: \(result.standardError)")
            }
            return result.lines.filter { $0 != "SET" }
        }
    }
}
