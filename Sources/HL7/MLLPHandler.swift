/// The application's side of an MLLP listener. The server calls it once per frame, in the order the
/// frames arrived on a connection, and writes the returned bytes (normally an encoded ACK) only after it
/// returns; nil sends nothing. Implementations decide AA/AE/AR themselves (see `ACK`).
public protocol MLLPHandler: Sendable {
    func handle(_ request: MLLPRequest) async -> [UInt8]?

    /// The frames to write back for one inbound frame, in order: none, one acknowledgement, or in
    /// enhanced acknowledgement mode (HL7 v2.5.1 §2.9.3) the accept acknowledgement followed by the
    /// application acknowledgement on the same connection. The server uses this; by default it is the
    /// one reply of `handle(_:)`.
    func replies(to request: MLLPRequest) async -> [[UInt8]]
}

extension MLLPHandler {
    public func replies(to request: MLLPRequest) async -> [[UInt8]] {
        guard let reply = await handle(request) else { return [] }
        return [reply]
    }
}
