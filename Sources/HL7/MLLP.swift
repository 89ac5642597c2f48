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
