import FluentKit
import Foundation

/// An interface message taken in, with the acknowledgement sent (base64, byte-exact).
final class InboundMessageModel: Model, @unchecked Sendable {
    static let schema = "inbound_messages"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "sender") var sender: String
    @Field(key: "control_id") var controlID: String
    @Field(key: "message_type") var messageType: String
    @Field(key: "acknowledgment") var acknowledgment: String
    @Field(key: "received_at") var receivedAt: Date

    init() {}
}
