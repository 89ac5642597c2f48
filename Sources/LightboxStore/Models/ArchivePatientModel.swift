import FluentKit
import Foundation

/// An `ArchivedPatient` row of the image index; every attribute in its own column.
final class ArchivePatientModel: Model, @unchecked Sendable {
    static let schema = "archive_patients"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "patient_id") var patientID: String
    @Field(key: "issuer_of_patient_id") var issuerOfPatientID: String
    @Field(key: "patient_name") var patientName: String
    @Field(key: "patient_name_upper") var patientNameUpper: String
    @OptionalField(key: "patient_birth_date") var patientBirthDate: String?
    @OptionalField(key: "patient_sex") var patientSex: String?
    @Field(key: "number_of_studies") var numberOfStudies: Int
    @Field(key: "number_of_series") var numberOfSeries: Int
    @Field(key: "number_of_instances") var numberOfInstances: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
