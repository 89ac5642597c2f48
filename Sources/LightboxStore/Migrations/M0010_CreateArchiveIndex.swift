import FluentKit
import SQLKit

/// The image index (patients, studies, series, instances) with the attributes C-FIND and QIDO-RS
/// answer in indexed columns (PS3.4 C.6.1.1, PS3.18 §10.6), and the DICOM peers of the listener.
/// Person names are also kept upper-cased (`*_upper`) for case-insensitive matching; multi-valued
/// aggregates (ModalitiesInStudy, SOPClassesInStudy) are `\`-joined as DICOM encodes them.
struct M0010_CreateArchiveIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("archive_patients")
                .field(.id, .uuid, .identifier(auto: false))
                .field("patient_id", .string, .required)
                .field("issuer_of_patient_id", .string, .required)
                .field("patient_name", .string, .required)
                .field("patient_name_upper", .string, .required)
                .field("patient_birth_date", .string)
                .field("patient_sex", .string)
                .field("number_of_studies", .int, .required)
                .field("number_of_series", .int, .required)
                .field("number_of_instances", .int, .required)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .unique(on: "patient_id", "issuer_of_patient_id")
                .create()
            try await database.schema("archive_studies")
                .field(.id, .uuid, .identifier(auto: false))
                .field("archive_patient_id", .uuid, .required, .references("archive_patients", .id))
                .field("study_instance_uid", .string, .required)
                .field("study_date", .string)
                .field("study_time", .string)
                .field("accession_number", .string)
                .field("study_id", .string)
                .field("study_description", .string)
                .field("referring_physician_name", .string)
                .field("referring_physician_name_upper", .string)
                .field("modalities_in_study", .string, .required)
                .field("sop_classes_in_study", .string, .required)
                .field("number_of_series", .int, .required)
                .field("number_of_instances", .int, .required)
                .field("exam_id", .uuid, .references("exams", .id))
                .field("patient_record_id", .uuid, .references("patients", .id))
                .field("match_status", .string, .required)
                .field("match_detail", .string, .required)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .unique(on: "study_instance_uid")
                .create()
            try await database.schema("archive_series")
                .field(.id, .uuid, .identifier(auto: false))
                .field("archive_study_id", .uuid, .required, .references("archive_studies", .id))
                .field("series_instance_uid", .string, .required)
                .field("modality", .string)
                .field("series_number", .int)
                .field("series_description", .string)
                .field("series_date", .string)
                .field("series_time", .string)
                .field("body_part_examined", .string)
                .field("number_of_instances", .int, .required)
                .field("created_at", .datetime, .required)
                .unique(on: "series_instance_uid")
                .create()
            try await database.schema("archive_instances")
                .field(.id, .uuid, .identifier(auto: false))
                .field("archive_series_id", .uuid, .required, .references("archive_series", .id))
                .field("archive_study_id", .uuid, .required, .references("archive_studies", .id))
                .field("sop_instance_uid", .string, .required)
                .field("sop_class_uid", .string, .required)
                .field("instance_number", .int)
                .field("content_date", .string)
                .field("content_time", .string)
                .field("rows", .int)
                .field("columns", .int)
                .field("number_of_frames", .int)
                .field("transfer_syntax_uid", .string, .required)
                .field("specific_character_set", .string)
                .field("image_key", .string, .required)
                .field("size_bytes", .int64, .required)
                .field("source", .string, .required)
                .field("stored_at", .datetime, .required)
                .unique(on: "sop_instance_uid")
                .create()
            try await database.schema("dicom_peers")
                .field(.id, .uuid, .identifier(auto: false))
                .field("ae_title", .string, .required)
                .field("host", .string, .required)
                .field("port", .int, .required)
                .field("services", .string, .required)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .unique(on: "ae_title")
                .create()

            let sql = try LightboxDatabase.sql(database)
            let indexes: [(String, String, [String])] = [
                ("archive_patients_name_upper", "archive_patients", ["patient_name_upper"]),
                ("archive_patients_birth_date", "archive_patients", ["patient_birth_date"]),
                ("archive_studies_patient", "archive_studies", ["archive_patient_id"]),
                ("archive_studies_date_time", "archive_studies", ["study_date", "study_time"]),
                ("archive_studies_accession", "archive_studies", ["accession_number"]),
                ("archive_studies_study_id", "archive_studies", ["study_id"]),
                ("archive_studies_referring_upper", "archive_studies", ["referring_physician_name_upper"]),
                ("archive_studies_modalities", "archive_studies", ["modalities_in_study"]),
                ("archive_studies_exam", "archive_studies", ["exam_id"]),
                ("archive_studies_patient_record", "archive_studies", ["patient_record_id"]),
                ("archive_studies_match_status", "archive_studies", ["match_status", "created_at"]),
                ("archive_series_study", "archive_series", ["archive_study_id", "series_number"]),
                ("archive_series_modality", "archive_series", ["modality"]),
                ("archive_series_date", "archive_series", ["series_date"]),
                ("archive_instances_series", "archive_instances", ["archive_series_id", "instance_number"]),
                ("archive_instances_study", "archive_instances", ["archive_study_id"]),
                ("archive_instances_sop_class", "archive_instances", ["sop_class_uid"]),
                ("archive_instances_image_key", "archive_instances", ["image_key"]),
            ]
            for (name, table, columns) in indexes {
                var builder = sql.create(index: name).on(table)
                for column in columns { builder = builder.column(column) }
                try await builder.run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["dicom_peers", "archive_instances", "archive_series", "archive_studies", "archive_patients"] {
            try await database.schema(table).delete()
        }
    }
}
