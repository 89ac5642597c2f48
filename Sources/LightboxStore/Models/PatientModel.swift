import FluentKit
import Foundation

/// A patient row: the whole `Patient` as a document, with the columns patients are looked up by.
final class PatientModel: Model, @unchecked Sendable {
    static let schema = "patients"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @OptionalField(key: "nhs_number") var nhsNumber: String?
    @Field(key: "family_name_key") var familyNameKey: String
    @OptionalField(key: "date_of_birth") var dateOfBirth: String?
    @OptionalField(key: "merged_into") var mergedInto: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
