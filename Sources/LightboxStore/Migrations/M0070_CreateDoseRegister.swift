import FluentKit

/// The dose register (issue 16): source reports kept whole (unique by source and source UID; linked
/// to an exam or waiting with their study), one dose record per exam with the figures statistics
/// filter and sort on as columns, dose alerts, and the local DRLs' append-only history.
struct M0070_CreateDoseRegister: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("dose_reports")
                .field(.id, .uuid, .identifier(auto: false))
                .field("source", .string, .required)
                .field("source_uid", .string, .required)
                .field("exam_id", .uuid)
                .field("study_instance_uid", .string)
                .field("received_at", .datetime, .required)
                .field("document", .string, .required)
                .unique(on: "source", "source_uid")
                .create()
            try await database.schema("exam_dose_records")
                .field(.id, .uuid, .identifier(auto: false))
                .field("patient_id", .uuid, .required)
                .field("exam_code", .string, .required)
                .field("modality", .string, .required)
                .field("room_id", .uuid)
                .field("performed_at", .datetime, .required)
                .field("source", .string)
                .field("dose_area_product", .double)
                .field("reference_point_dose", .double)
                .field("fluoroscopy_seconds", .double)
                .field("ctdi_vol", .double)
                .field("dlp", .double)
                .field("highest_ratio", .double)
                .field("document", .string, .required)
                .field("updated_at", .datetime, .required)
                .create()
            try await database.schema("dose_alerts")
                .field(.id, .uuid, .identifier(auto: false))
                .field("exam_id", .uuid, .required)
                .field("patient_id", .uuid, .required)
                .field("kind", .string, .required)
                .field("is_open", .bool, .required)
                .field("raised_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            try await database.schema("local_reference_levels")
                .field(.id, .uuid, .identifier(auto: false))
                .field("exam_code", .string, .required)
                .field("room_id", .uuid)
                .field("effective_from", .datetime, .required)
                .field("recorded_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            let sql = try LightboxDatabase.sql(database)
            let indexes: [(String, String, [String])] = [
                ("dose_reports_exam", "dose_reports", ["exam_id"]),
                ("dose_reports_study", "dose_reports", ["study_instance_uid"]),
                ("exam_dose_records_patient", "exam_dose_records", ["patient_id", "performed_at"]),
                ("exam_dose_records_type", "exam_dose_records", ["exam_code", "room_id", "performed_at"]),
                ("exam_dose_records_performed", "exam_dose_records", ["performed_at"]),
                ("dose_alerts_exam", "dose_alerts", ["exam_id"]),
                ("dose_alerts_patient", "dose_alerts", ["patient_id", "raised_at"]),
                ("dose_alerts_open", "dose_alerts", ["is_open", "raised_at"]),
            ]
            for (name, table, columns) in indexes {
                var builder = sql.create(index: name).on(table)
                for column in columns { builder = builder.column(column) }
                try await builder.run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["local_reference_levels", "dose_alerts", "exam_dose_records", "dose_reports"] {
            try await database.schema(table).delete()
        }
    }
}
