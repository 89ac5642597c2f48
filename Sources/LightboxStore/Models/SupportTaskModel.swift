import FluentKit
import Foundation

/// A `SupportTask` row: the task as a document, with the columns the board filters and orders by.
final class SupportTaskModel: Model, @unchecked Sendable {
    static let schema = "support_tasks"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @OptionalField(key: "room_id") var roomID: UUID?
    @OptionalField(key: "exam_id") var examID: UUID?
    @OptionalField(key: "stock_item_id") var stockItemID: UUID?
    @OptionalField(key: "claimed_by") var claimedBy: String?
    @Field(key: "due_at") var dueAt: Date
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
