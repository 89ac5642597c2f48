import FluentKit
import Foundation
import LightboxDomain

/// `InboundMessageRepository` on Fluent; (sender, control_id) is unique in the table as well.
struct FluentInboundMessageRepository: InboundMessageRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func find(sender: String, controlID: String) async throws -> InboundMessage? {
        guard
            let model = try await InboundMessageModel.query(on: database).filter(\.$sender == sender)
                .filter(\.$controlID == controlID).first()
        else { return nil }
        guard let bytes = Data(base64Encoded: model.acknowledgment) else {
            throw LightboxStoreError.corruptRow(
                table: InboundMessageModel.schema, "the acknowledgement is not valid base64")
        }
        return InboundMessage(
            sender: model.sender, controlID: model.controlID, messageType: model.messageType, acknowledgment: bytes,
            receivedAt: model.receivedAt)
    }

    func insert(_ message: InboundMessage) async throws {
        guard try await find(sender: message.sender, controlID: message.controlID) == nil else {
            throw context.duplicate("inbound message", "sender \(message.sender) control id \(message.controlID)")
        }
        let model = InboundMessageModel()
        model.id = UUID()
        model.sender = message.sender
        model.controlID = message.controlID
        model.messageType = message.messageType
        model.acknowledgment = message.acknowledgment.base64EncodedString()
        model.receivedAt = message.receivedAt
        try await model.create(on: database)
    }
}
