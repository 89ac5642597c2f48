import FluentKit
import Foundation

/// A `QAResult` row.
final class QAResultModel: Model, @unchecked Sendable {
    static let schema = "qa_results"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "room_id") var roomID: UUID
    @Field(key: "test_code") var testCode: String
    @Field(key: "performed_at") var performedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
