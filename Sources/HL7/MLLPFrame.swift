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

/// MLLP framing bytes (HL7 MLLP release 2, §2.2 "Block format").
public enum MLLP {
    /// Start block, VT.
    public static let startBlock: UInt8 = 0x0B
    /// End block, FS.
    public static let endBlock: UInt8 = 0x1C
    /// Carriage return that follows the end block.
    public static let carriageReturn: UInt8 = 0x0D

    /// Wraps a payload in a frame.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [startBlock]
        out.reserveCapacity(payload.count + 3)
        out += payload
        out += [endBlock, carriageReturn]
        return out
    }
}
