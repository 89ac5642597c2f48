import FluentKit
import Foundation

/// A `DoseAlert` row: exam, patient, kind, open or acknowledged, and the alert as a document.
final class DoseAlertModel: Model, @unchecked Sendable {
    static let schema = "dose_alerts"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "exam_id") var examID: UUID
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "is_open") var isOpen: Bool
    @Field(key: "raised_at") var raisedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
