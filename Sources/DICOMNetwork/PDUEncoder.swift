import NIOCore

/// Encodes each PDU into one buffer so it leaves in a single write (with TCP_NODELAY this avoids
/// the Nagle/delayed-ACK stall of a header and body written separately).
public struct PDUEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = PDU

    public init() {}

    public func encode(data: PDU, out: inout ByteBuffer) throws {
        try data.encode(into: &out)
    }
}
