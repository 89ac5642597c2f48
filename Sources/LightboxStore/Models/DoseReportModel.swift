import FluentKit
import Foundation

/// A `DoseReport` row: the keys it is found by, and the report as a document.
final class DoseReportModel: Model, @unchecked Sendable {
    static let schema = "dose_reports"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "source") var source: String
    @Field(key: "source_uid") var sourceUID: String
    @OptionalField(key: "exam_id") var examID: UUID?
    @OptionalField(key: "study_instance_uid") var studyInstanceUID: String?
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
