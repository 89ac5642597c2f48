import FluentKit
import SQLKit

/// Patients (with their hospital numbers), referrers, staff, entitlements, rooms and the exam catalogue.
///
/// Each row keeps the whole domain value as a JSON document (`document`, text on both engines) beside the columns
/// it is searched by, so a field added to a domain value needs no migration while searches stay indexed.
struct M0001_CreateReferenceData: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One transaction per migration (both engines have transactional DDL): a failed migration leaves no
        // half-made schema behind.
        try await database.transaction { database in
            let sql = try LightboxDatabase.sql(database)
            try await database.schema("patients")
                .field(.id, .uuid, .identifier(auto: false))
                .field("nhs_number", .string)
                .field("family_name_key", .string, .required)
                .field("date_of_birth", .string)
                .field("merged_into", .uuid)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .field("document", .string, .required)
                .create()
            try await sql.create(index: "patients_nhs_number").on("patients").column("nhs_number").run()
            try await sql.create(index: "patients_family_name_key").on("patients").column("family_name_key").run()
            try await sql.create(index: "patients_date_of_birth").on("patients").column("date_of_birth").run()

            try await database.schema("patient_hospital_numbers")
                .field(.id, .uuid, .identifier(auto: false))
                .field("patient_id", .uuid, .required, .references("patients", .id, onDelete: .cascade))
                .field("value", .string, .required)
                .field("issuing_authority", .string, .required)
                .unique(on: "patient_id", "value", "issuing_authority")
                .create()
            try await sql.create(index: "patient_hospital_numbers_value").on("patient_hospital_numbers")
                .column("value").column("issuing_authority").run()

            try await database.schema("referrers")
                .field(.id, .uuid, .identifier(auto: false))
                .field("registration_number", .string, .required)
                .field("document", .string, .required)
                .unique(on: "registration_number")
                .create()

            try await database.schema("staff")
                .field(.id, .uuid, .identifier(auto: false))
                .field("family_name_key", .string, .required)
                .field("document", .string, .required)
                .create()

            try await database.schema("entitlements")
                .field(.id, .uuid, .identifier(auto: false))
                .field("staff_id", .uuid, .required, .references("staff", .id))
                .field("document", .string, .required)
                .create()
            try await sql.create(index: "entitlements_staff_id").on("entitlements").column("staff_id").run()

            try await database.schema("rooms")
                .field(.id, .uuid, .identifier(auto: false))
                .field("name", .string, .required)
                .field("document", .string, .required)
                .create()

            try await database.schema("catalogue_entries")
                .field("code", .string, .identifier(auto: false))
                .field("modality", .string, .required)
                .field("document", .string, .required)
                .create()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [
            "catalogue_entries", "rooms", "entitlements", "staff", "referrers", "patient_hospital_numbers", "patients",
        ] {
            try await database.schema(table).delete()
        }
    }
}
