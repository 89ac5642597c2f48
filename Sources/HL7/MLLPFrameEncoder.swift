import NIOCore

/// Wraps each outbound payload in an MLLP frame.
public struct MLLPFrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = ByteBuffer

    public init() {}

    public func encode(data: ByteBuffer, out: inout ByteBuffer) throws {
        out.reserveCapacity(data.readableBytes + 3)
        out.writeInteger(MLLP.startBlock)
        out.writeImmutableBuffer(data)
        out.writeInteger(MLLP.endBlock)
        out.writeInteger(MLLP.carriageReturn)
    }
}
