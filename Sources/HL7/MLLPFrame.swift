import NIOCore

/// What the MLLP decoder delivers: a complete payload, or notice that a frame was too large
/// (HL7 MLLP release 2: start block 0x0B, payload, end block 0x1C 0x0D).
public enum MLLPFrame: Sendable, Hashable {
    /// The bytes between start and end block.
    case message(ByteBuffer)
    /// A frame over the size limit: its first bytes (enough to read an MSH for a NAK) and how many bytes
    /// had arrived when it was given up. The rest of the frame is discarded without being stored.
    case oversized(prefix: ByteBuffer, receivedBytes: Int)
}
