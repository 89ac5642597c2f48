import Foundation

/// A message taken in from an interface (HL7 v2) and the acknowledgement sent for it, kept so that the
/// same message sent again (same sender, same control id) gets the same answer and changes nothing twice.
public struct InboundMessage: Sendable, Codable, Equatable {
    /// The sending system, e.g. HL7 MSH-3 "^" MSH-4 (application^facility).
    public var sender: String
    /// The sender's message control id (HL7 MSH-10).
    public var controlID: String
    /// Message type as sent, e.g. "ADT^A01".
    public var messageType: String
    /// The acknowledgement exactly as it was sent back.
    public var acknowledgment: Data
    public var receivedAt: Date

    public init(sender: String, controlID: String, messageType: String, acknowledgment: Data, receivedAt: Date) {
        self.sender = sender
        self.controlID = controlID
        self.messageType = messageType
        self.acknowledgment = acknowledgment
        self.receivedAt = receivedAt
    }
}

/// Messages already taken in, for idempotent receipt. Written in the same transaction as the change the
/// message caused, so an acknowledged message is never applied twice.
public protocol InboundMessageRepository: Sendable {
    func find(sender: String, controlID: String) async throws -> InboundMessage?
    /// Throws `DomainError(.duplicate)` when (sender, controlID) is already recorded.
    func insert(_ message: InboundMessage) async throws
}
