import FluentKit
import Foundation

/// A `SAUECase` row: the case as a document, with the columns it is listed and filtered by.
final class SAUECaseModel: Model, @unchecked Sendable {
    static let schema = "saue_cases"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @OptionalField(key: "exam_id") var examID: UUID?
    @OptionalField(key: "patient_id") var patientID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "reported_at") var reportedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
