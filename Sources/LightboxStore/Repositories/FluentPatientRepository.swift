import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `PatientRepository` on Fluent: one `patients` row per patient and one `patient_hospital_numbers` row per
/// hospital number.
///
/// The lookups and writes every HL7 ADT message makes (get, find by NHS or hospital number, insert, update)
/// are plain SQL through SQLKit on the same connection: Fluent's model layer reflects over each model's
/// properties on every query, which measured as a large share of an ADT message's CPU time. The columns and
/// the bound Swift types (UUID, Date, String) are those of `PatientModel`, encoded by the same driver.
struct FluentPatientRepository: PatientRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }
    private var sql: any SQLDatabase {
        get throws { try LightboxDatabase.sql(database) }
    }

    func get(_ id: UUID) async throws -> Patient? {
        try await sql.raw("SELECT document FROM patients WHERE id = \(bind: id)").first().map(decode)
    }

    /// Ids bound per `IN` list: well under SQLite's bound-variable limit (999 before 3.32) and PostgreSQL's 65,535.
    static let idsPerQuery = 500

    func get(ids: Set<UUID>) async throws -> [UUID: Patient] {
        let sql = try sql
        var found: [UUID: Patient] = [:]
        let ordered = ids.sorted { $0.uuidString < $1.uuidString }
        for start in stride(from: 0, to: ordered.count, by: Self.idsPerQuery) {
            let chunk = Array(ordered[start..<min(start + Self.idsPerQuery, ordered.count)])
            let rows = try await sql.select().column("document").from("patients").where("id", .in, chunk).all()
            for row in rows {
                let patient = try decode(row)
                found[patient.id] = patient
            }
        }
        return found
    }

    func find(nhsNumber: NHSNumber) async throws -> Patient? {
        // A merged-away record keeps its identifiers; the surviving record is the one to return.
        let rows = try await sql.raw("SELECT document FROM patients WHERE nhs_number = \(bind: nhsNumber.digits)")
            .all()
        return try preferSurviving(rows.map(decode))
    }

    func find(hospitalNumber: HospitalNumber) async throws -> Patient? {
        let rows = try await sql.raw(
            """
            SELECT p.document FROM patients p WHERE p.id IN (SELECT h.patient_id FROM patient_hospital_numbers h \
            WHERE h.value = \(bind: hospitalNumber.value) AND h.issuing_authority = \(bind: hospitalNumber.issuingAuthority))
            """
        ).all()
        return try preferSurviving(rows.map(decode))
    }

    func search(_ query: PatientQuery) async throws -> [Patient] {
        let builder = PatientModel.query(on: database)
        if let nhsNumber = query.nhsNumber { builder.filter(\.$nhsNumber == nhsNumber.digits) }
        if let dateOfBirth = query.dateOfBirth { builder.filter(\.$dateOfBirth == dateOfBirth.iso) }
        if let familyName = query.familyName?.familyNameSearchKey, !familyName.isEmpty {
            builder.filter(\.$familyNameKey, .custom("LIKE"), Self.likePrefix(familyName))
        }
        if let hospitalNumber = query.hospitalNumber {
            let owners = try await PatientHospitalNumberModel.query(on: database)
                .filter(\.$value == hospitalNumber).all().map(\.patientID)
            guard !owners.isEmpty else { return [] }
            builder.filter(\.$id ~~ owners)
        }
        let rows = try await builder.sort(\.$familyNameKey).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(query.limit)).all()
        // The search key drops every character but letters and digits, so LIKE's wildcards never occur in it;
        // the domain's own definition is applied last so both engines answer exactly alike.
        return try rows.map(decode).filter(query.matches)
    }

    func insert(_ patient: Patient) async throws {
        let sql = try sql
        let document = try context.coder.encode(patient)
        // One statement: a patient already there (same id) comes back as no row, reported as a duplicate.
        let inserted = try await sql.raw(
            """
            INSERT INTO patients (id, nhs_number, family_name_key, date_of_birth, merged_into, created_at, updated_at, \
            document) VALUES (\(bind: patient.id), \(bind: patient.nhsNumber?.digits), \
            \(bind: patient.name.family.familyNameSearchKey), \(bind: patient.dateOfBirth?.iso), \
            \(bind: patient.mergedInto), \(bind: patient.createdAt), \(bind: patient.updatedAt), \(bind: document)) \
            ON CONFLICT (id) DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil else { throw context.duplicate("patient", "id \(patient.id)") }
        try await insertHospitalNumbers(of: patient, on: sql)
    }

    func update(_ patient: Patient) async throws {
        let sql = try sql
        guard try await sql.raw("SELECT 1 AS present FROM patients WHERE id = \(bind: patient.id)").first() != nil
        else {
            throw context.missing("patient", "id \(patient.id)")
        }
        let document = try context.coder.encode(patient)
        try await sql.raw(
            """
            UPDATE patients SET nhs_number = \(bind: patient.nhsNumber?.digits), \
            family_name_key = \(bind: patient.name.family.familyNameSearchKey), \
            date_of_birth = \(bind: patient.dateOfBirth?.iso), merged_into = \(bind: patient.mergedInto), \
            created_at = \(bind: patient.createdAt), updated_at = \(bind: patient.updatedAt), \
            document = \(bind: document) WHERE id = \(bind: patient.id)
            """
        ).run()
        try await sql.raw("DELETE FROM patient_hospital_numbers WHERE patient_id = \(bind: patient.id)").run()
        try await insertHospitalNumbers(of: patient, on: sql)
    }

    /// One multi-row INSERT for all the patient's numbers (each once).
    private func insertHospitalNumbers(of patient: Patient, on sql: any SQLDatabase) async throws {
        var seen: Set<HospitalNumber> = []
        let numbers = patient.hospitalNumbers.filter { seen.insert($0).inserted }
        guard !numbers.isEmpty else { return }
        let insert = sql.insert(into: PatientHospitalNumberModel.schema)
            .columns("id", "patient_id", "value", "issuing_authority")
        for number in numbers {
            insert.values(SQLBind(UUID()), SQLBind(patient.id), SQLBind(number.value), SQLBind(number.issuingAuthority))
        }
        try await insert.run()
    }

    private func decode(_ model: PatientModel) throws -> Patient {
        try context.coder.decode(Patient.self, from: model.document, table: PatientModel.schema)
    }

    private func decode(_ row: any SQLRow) throws -> Patient {
        try context.coder.decode(
            Patient.self, from: try row.decode(column: "document", as: String.self), table: PatientModel.schema)
    }

    private func preferSurviving(_ patients: [Patient]) -> Patient? {
        patients.sorted { ($0.mergedInto == nil ? 0 : 1, $0.createdAt) < ($1.mergedInto == nil ? 0 : 1, $1.createdAt) }
            .first
    }

    static func likePrefix(_ key: String) -> String { key + "%" }
}
