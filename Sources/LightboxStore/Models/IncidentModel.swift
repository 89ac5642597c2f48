import FluentKit
import Foundation

/// An `Incident` row: the incident as a document, with the columns the manager's listing filters by.
final class IncidentModel: Model, @unchecked Sendable {
    static let schema = "incidents"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "category") var category: String
    @Field(key: "status") var status: String
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "reported_at") var reportedAt: Date
    @OptionalField(key: "room_id") var roomID: UUID?
    @OptionalField(key: "exam_id") var examID: UUID?
    @OptionalField(key: "patient_id") var patientID: UUID?
    @OptionalField(key: "saue_case_id") var saueCaseID: UUID?
    @Field(key: "document") var document: String

    init() {}
}
