import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `InboundMessageRepository` on Fluent; (sender, control_id) is unique in the table as well.
///
/// Every HL7 message looks itself up and records itself here, so both are plain SQL through SQLKit on the
/// transaction's connection (Fluent's model reflection costs more than the queries); the columns and bound
/// Swift types are those of `InboundMessageModel`.
struct FluentInboundMessageRepository: InboundMessageRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func find(sender: String, controlID: String) async throws -> InboundMessage? {
        guard
            let row = try await LightboxDatabase.sql(database).raw(
                """
                SELECT sender, control_id, message_type, acknowledgment, received_at FROM inbound_messages \
                WHERE sender = \(bind: sender) AND control_id = \(bind: controlID)
                """
            ).first()
        else { return nil }
        let table = InboundMessageModel.schema
        guard let bytes = Data(base64Encoded: try row.decode(column: "acknowledgment", as: String.self)) else {
            throw LightboxStoreError.corruptRow(table: table, "the acknowledgement is not valid base64")
        }
        return InboundMessage(
            sender: try row.decode(column: "sender", as: String.self),
            controlID: try row.decode(column: "control_id", as: String.self),
            messageType: try row.decode(column: "message_type", as: String.self), acknowledgment: bytes,
            receivedAt: try row.decode(column: "received_at", as: Date.self))
    }

    /// One statement: the unique (sender, control_id) key decides, and a row already there is reported as a
    /// duplicate (no row comes back) rather than as a constraint error.
    func insert(_ message: InboundMessage) async throws {
        let inserted = try await LightboxDatabase.sql(database).raw(
            """
            INSERT INTO inbound_messages (id, sender, control_id, message_type, acknowledgment, received_at) \
            VALUES (\(bind: UUID()), \(bind: message.sender), \(bind: message.controlID), \
            \(bind: message.messageType), \(bind: message.acknowledgment.base64EncodedString()), \
            \(bind: message.receivedAt)) ON CONFLICT (sender, control_id) DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil else {
            throw context.duplicate("inbound message", "sender \(message.sender) control id \(message.controlID)")
        }
    }
}
