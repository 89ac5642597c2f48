import FluentKit
import Foundation

/// One hospital number of a patient (a patient may hold several, from several trusts).
final class PatientHospitalNumberModel: Model, @unchecked Sendable {
    static let schema = "patient_hospital_numbers"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "value") var value: String
    @Field(key: "issuing_authority") var issuingAuthority: String

    init() {}

    init(patientID: UUID, value: String, issuingAuthority: String) {
        self.id = UUID()
        self.patientID = patientID
        self.value = value
        self.issuingAuthority = issuingAuthority
    }
}
