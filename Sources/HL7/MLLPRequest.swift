import NIOCore

/// One inbound MLLP frame as the application sees it: the bytes, the message parsed from them (or the
/// typed reason it could not be), and who sent it.
public struct MLLPRequest: Sendable {
    /// The frame payload (for an oversized frame, its first bytes only).
    public let raw: [UInt8]
    /// The parsed message, or why parsing failed (`.oversized` for a frame over the limit).
    public let message: Result<Message, HL7Error>
    /// The peer's address.
    public let peer: SocketAddress?

    public init(raw: [UInt8], message: Result<Message, HL7Error>, peer: SocketAddress?) {
        self.raw = raw
        self.message = message
        self.peer = peer
    }
}
