import FluentKit
import SQLKit

/// The items of the sequences C-FIND and QIDO-RS match (PS3.4 §C.2.2.2.6), one row per item, the
/// item's attributes in indexed columns: Procedure Code Sequence (0008,1032) of a study (code value,
/// scheme, meaning) and Request Attributes Sequence (0040,0275) of a series (Requested Procedure ID,
/// Scheduled Procedure Step ID, Accession Number). `sequence_tag` says which sequence a row is of.
struct M0011_CreateArchiveSequenceItems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("archive_sequence_items")
                .field(.id, .uuid, .identifier(auto: false))
                .field("archive_study_id", .uuid, .required, .references("archive_studies", .id))
                .field("archive_series_id", .uuid, .references("archive_series", .id))
                .field("sequence_tag", .int, .required)
                .field("item_number", .int, .required)
                .field("code_value", .string)
                .field("coding_scheme_designator", .string)
                .field("code_meaning", .string)
                .field("requested_procedure_id", .string)
                .field("scheduled_procedure_step_id", .string)
                .field("accession_number", .string)
                .create()
            let sql = try LightboxDatabase.sql(database)
            let indexes: [(String, [String])] = [
                ("archive_sequence_items_study", ["archive_study_id", "sequence_tag"]),
                ("archive_sequence_items_series", ["archive_series_id", "sequence_tag"]),
                ("archive_sequence_items_code", ["sequence_tag", "code_value"]),
                ("archive_sequence_items_requested", ["sequence_tag", "requested_procedure_id"]),
                ("archive_sequence_items_step", ["sequence_tag", "scheduled_procedure_step_id"]),
                ("archive_sequence_items_accession", ["sequence_tag", "accession_number"]),
            ]
            for (name, columns) in indexes {
                var builder = sql.create(index: name).on("archive_sequence_items")
                for column in columns { builder = builder.column(column) }
                try await builder.run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("archive_sequence_items").delete()
    }
}
