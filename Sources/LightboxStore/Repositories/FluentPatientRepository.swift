import FluentKit
import Foundation
import LightboxDomain

/// `PatientRepository` on Fluent: one `patients` row per patient and one `patient_hospital_numbers` row per
/// hospital number.
struct FluentPatientRepository: PatientRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> Patient? {
        try await PatientModel.find(id, on: database).map(decode)
    }

    func find(nhsNumber: NHSNumber) async throws -> Patient? {
        // A merged-away record keeps its identifiers; the surviving record is the one to return.
        let rows = try await PatientModel.query(on: database).filter(\.$nhsNumber == nhsNumber.digits).all()
        return try preferSurviving(rows.map(decode))
    }

    func find(hospitalNumber: HospitalNumber) async throws -> Patient? {
        let owners = try await PatientHospitalNumberModel.query(on: database)
            .filter(\.$value == hospitalNumber.value)
            .filter(\.$issuingAuthority == hospitalNumber.issuingAuthority)
            .all().map(\.patientID)
        guard !owners.isEmpty else { return nil }
        let rows = try await PatientModel.query(on: database).filter(\.$id ~~ owners).all()
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
        guard try await PatientModel.find(patient.id, on: database) == nil else {
            throw context.duplicate("patient", "id \(patient.id)")
        }
        let model = PatientModel()
        model.id = patient.id
        try fill(model, from: patient)
        try await model.create(on: database)
        try await replaceHospitalNumbers(of: patient)
    }

    func update(_ patient: Patient) async throws {
        guard let model = try await PatientModel.find(patient.id, on: database) else {
            throw context.missing("patient", "id \(patient.id)")
        }
        try fill(model, from: patient)
        try await model.update(on: database)
        try await replaceHospitalNumbers(of: patient)
    }

    private func fill(_ model: PatientModel, from patient: Patient) throws {
        model.nhsNumber = patient.nhsNumber?.digits
        model.familyNameKey = patient.name.family.familyNameSearchKey
        model.dateOfBirth = patient.dateOfBirth?.iso
        model.mergedInto = patient.mergedInto
        model.createdAt = patient.createdAt
        model.updatedAt = patient.updatedAt
        model.document = try context.coder.encode(patient)
    }

    private func replaceHospitalNumbers(of patient: Patient) async throws {
        try await PatientHospitalNumberModel.query(on: database).filter(\.$patientID == patient.id).delete()
        for number in Set(patient.hospitalNumbers) {
            try await PatientHospitalNumberModel(
                patientID: patient.id, value: number.value, issuingAuthority: number.issuingAuthority
            ).create(on: database)
        }
    }

    private func decode(_ model: PatientModel) throws -> Patient {
        try context.coder.decode(Patient.self, from: model.document, table: PatientModel.schema)
    }

    private func preferSurviving(_ patients: [Patient]) -> Patient? {
        patients.sorted { ($0.mergedInto == nil ? 0 : 1, $0.createdAt) < ($1.mergedInto == nil ? 0 : 1, $1.createdAt) }
            .first
    }

    static func likePrefix(_ key: String) -> String { key + "%" }
}
