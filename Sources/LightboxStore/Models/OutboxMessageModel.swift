import FluentKit
import Foundation

/// An `OutboxMessage` row: the value as a document, with the columns the queue is read by.
final class OutboxMessageModel: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "destination") var destination: String
    @Field(key: "sequence") var sequence: Int64
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @Field(key: "document") var document: String

    init() {}
}
