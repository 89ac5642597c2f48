/// The application's side of an MLLP listener. The server calls it once per frame, in the order the
/// frames arrived on a connection, and writes the returned bytes (normally an encoded ACK) only after it
/// returns; nil sends nothing. Implementations decide AA/AE/AR themselves (see `ACK`).
public protocol MLLPHandler: Sendable {
    func handle(_ request: MLLPRequest) async -> [UInt8]?
}
