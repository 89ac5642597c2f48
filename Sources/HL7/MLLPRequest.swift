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

/// The application's side of an MLLP listener. The server calls it once per frame, in the order the
/// frames arrived on a connection, and writes the returned bytes (normally an encoded ACK) only after it
/// returns; nil sends nothing. Implementations decide AA/AE/AR themselves (see `ACK`).
public protocol MLLPHandler: Sendable {
    func handle(_ request: MLLPRequest) async -> [UInt8]?
}

/// An `MLLPHandler` from a closure.
public struct MLLPClosureHandler: MLLPHandler {
    private let body: @Sendable (MLLPRequest) async -> [UInt8]?

    public init(_ body: @escaping @Sendable (MLLPRequest) async -> [UInt8]?) { self.body = body }

    public func handle(_ request: MLLPRequest) async -> [UInt8]? { await body(request) }
}
