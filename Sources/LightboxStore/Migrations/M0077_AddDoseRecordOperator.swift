import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// Exam dose records gain the exam's operator as a column, so that the dose per operator is aggregated from
/// `exam_dose_records` alone as the medians per room are (M0076), without joining every exam of the period to its
/// exam row: each charted figure gets a second partial covering index (exam type, operator, figure, date,
/// modality; only rows with the figure), in which a group's count is an index-only scan and its median one read at
/// an offset. Records written before this migration take their operator from their exam's stored performance (the
/// operator named when the exam was started, as `DoseRecordBuilder` now records it), column and document alike.
struct M0077_AddDoseRecordOperator: AsyncMigration {
    /// Records read and rewritten at a time (bounded memory on a register of any size).
    static let batchSize = 500

    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("exam_dose_records").field(
                .definition(name: .key("operator_staff_id"), dataType: .uuid, constraints: [])
            ).update()
            let sql = try LightboxDatabase.sql(database)
            try await Self.backfill(sql)
            for column in M0076_AddDoseStatisticsColumns.chartedColumns {
                try await sql.raw(
                    """
                    CREATE INDEX \(unsafeRaw: Self.indexName(column)) ON exam_dose_records \
                    (exam_code, operator_staff_id, \(unsafeRaw: column), performed_at, modality) \
                    WHERE \(unsafeRaw: column) IS NOT NULL
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try LightboxDatabase.sql(database)
        for column in M0076_AddDoseStatisticsColumns.chartedColumns {
            try await sql.drop(index: Self.indexName(column)).run()
        }
        try await database.schema("exam_dose_records").deleteField("operator_staff_id").update()
    }

    static func indexName(_ column: String) -> String { "exam_dose_records_\(column)_operators" }

    /// Gives every record without an operator its exam's, in batches in id order. A record whose exam names no
    /// operator (not started, or started without one) is left as it is.
    static func backfill(_ sql: any SQLDatabase) async throws {
        let coder = DocumentCoder()
        var after: UUID?
        while true {
            var query: SQLQueryString = "SELECT d.id AS id, d.document AS record, e.document AS exam"
            query += " FROM exam_dose_records d LEFT JOIN exams e ON e.id = d.id"
            query += " WHERE d.operator_staff_id IS NULL"
            if let after { query += " AND d.id > \(bind: after)" }
            query += " ORDER BY d.id LIMIT \(bind: batchSize)"
            let rows = try await sql.raw(query).all()
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                after = id
                guard !(try row.decodeNil(column: "exam")) else { continue }
                let exam = try coder.decode(
                    Exam.self, from: try row.decode(column: "exam", as: String.self), table: "exams")
                guard let operatorID = exam.performance?.operatorStaffID else { continue }
                var record = try coder.decode(
                    ExamDoseRecord.self, from: try row.decode(column: "record", as: String.self),
                    table: "exam_dose_records")
                record.operatorStaffID = operatorID
                try await sql.update("exam_dose_records")
                    .set("operator_staff_id", to: operatorID)
                    .set("document", to: try coder.encode(record))
                    .where("id", .equal, id)
                    .run()
            }
            guard rows.count == batchSize else { return }
        }
    }
}
