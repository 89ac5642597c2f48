import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// Exam dose records gain the remaining charted figures as columns (DAP per radiograph, average glandular dose,
/// administered activity), so that every statistic of the physicist's pages aggregates columns in SQL and never
/// decodes records; existing records get them from their stored document. Each charted figure gets a partial
/// covering index (exam type, room, figure, date, modality; only rows with the figure), in which a group's count is
/// an index-only scan and its median one read at an offset, without sorting.
struct M0076_AddDoseStatisticsColumns: AsyncMigration {
    static let columns = ["dap_per_radiograph", "agd", "administered_activity"]
    static let chartedColumns = [
        "ctdi_vol", "dlp", "dap_per_radiograph", "dose_area_product", "reference_point_dose", "fluoroscopy_seconds",
        "agd", "administered_activity",
    ]

    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            // One column per statement: SQLite's ALTER TABLE adds one column at a time.
            for column in Self.columns {
                try await database.schema("exam_dose_records").field(
                    .definition(name: .key(.string(column)), dataType: .double, constraints: [])
                ).update()
            }
            let sql = try LightboxDatabase.sql(database)
            let coder = DocumentCoder()
            let rows = try await sql.raw("SELECT id, document FROM exam_dose_records").all()
            for row in rows {
                let record = try coder.decode(
                    ExamDoseRecord.self, from: try row.decode(column: "document", as: String.self),
                    table: "exam_dose_records")
                try await sql.update("exam_dose_records")
                    .set("dap_per_radiograph", to: DoseMetric.doseAreaProductPerRadiograph.value(in: record.totals))
                    .set("agd", to: DoseMetric.averageGlandularDose.value(in: record.totals))
                    .set("administered_activity", to: DoseMetric.administeredActivity.value(in: record.totals))
                    .where("id", .equal, try row.decode(column: "id", as: UUID.self))
                    .run()
            }
            for column in Self.chartedColumns {
                try await sql.raw(
                    """
                    CREATE INDEX exam_dose_records_\(unsafeRaw: column)_statistics ON exam_dose_records \
                    (exam_code, room_id, \(unsafeRaw: column), performed_at, modality) \
                    WHERE \(unsafeRaw: column) IS NOT NULL
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try LightboxDatabase.sql(database)
        for column in Self.chartedColumns {
            try await sql.drop(index: "exam_dose_records_\(column)_statistics").run()
        }
        for column in Self.columns {
            try await database.schema("exam_dose_records").deleteField(.string(column)).update()
        }
    }
}
