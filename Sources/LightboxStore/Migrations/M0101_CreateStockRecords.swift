import FluentKit
import SQLKit

/// The stock ledger of issue 17 (items, batches, movements, orders, lead aprons, apron checks): one table, the
/// domain value as a document beside the columns it is listed by (kind, the record it belongs to, date) and the exam
/// a movement gave contrast in, so the trace from an exam to its batch and back is indexed both ways.
struct M0101_CreateStockRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            let sql = try LightboxDatabase.sql(database)
            try await database.schema("stock_records")
                .field(.id, .uuid, .identifier(auto: false))
                .field("kind", .string, .required)
                .field("parent_id", .uuid)
                .field("exam_id", .uuid, .references("exams", .id))
                .field("listed_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            try await sql.create(index: "stock_records_kind_parent").on("stock_records").column("kind")
                .column("parent_id").run()
            try await sql.create(index: "stock_records_exam").on("stock_records").column("exam_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stock_records").delete()
    }
}
