/// Value representations. PS3.5 §6.2, Table 6.2-1.
public enum VR: String, Sendable, CaseIterable, Hashable {
    case AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV,
        TM, UC, UI, UL, UN, UR, US, UT, UV

    /// Creates a VR from the two bytes of an explicit VR header; nil when they name no VR.
    public init?(byte0: UInt8, byte1: UInt8) {
        switch (byte0, byte1) {
        case (0x41, 0x45): self = .AE
        case (0x41, 0x53): self = .AS
        case (0x41, 0x54): self = .AT
        case (0x43, 0x53): self = .CS
        case (0x44, 0x41): self = .DA
        case (0x44, 0x53): self = .DS
        case (0x44, 0x54): self = .DT
        case (0x46, 0x44): self = .FD
        case (0x46, 0x4C): self = .FL
        case (0x49, 0x53): self = .IS
        case (0x4C, 0x4F): self = .LO
        case (0x4C, 0x54): self = .LT
        case (0x4F, 0x42): self = .OB
        case (0x4F, 0x44): self = .OD
        case (0x4F, 0x46): self = .OF
        case (0x4F, 0x4C): self = .OL
        case (0x4F, 0x56): self = .OV
        case (0x4F, 0x57): self = .OW
        case (0x50, 0x4E): self = .PN
        case (0x53, 0x48): self = .SH
        case (0x53, 0x4C): self = .SL
        case (0x53, 0x51): self = .SQ
        case (0x53, 0x53): self = .SS
        case (0x53, 0x54): self = .ST
        case (0x53, 0x56): self = .SV
        case (0x54, 0x4D): self = .TM
        case (0x55, 0x43): self = .UC
        case (0x55, 0x49): self = .UI
        case (0x55, 0x4C): self = .UL
        case (0x55, 0x4E): self = .UN
        case (0x55, 0x52): self = .UR
        case (0x55, 0x53): self = .US
        case (0x55, 0x54): self = .UT
        case (0x55, 0x56): self = .UV
        default: return nil
        }
    }

    /// The two ASCII bytes written in an explicit VR header.
    public var bytes: (UInt8, UInt8) {
        let utf8 = Array(rawValue.utf8)
        return (utf8[0], utf8[1])
    }

    /// Explicit VR headers of these VRs have 2 reserved bytes and a 32-bit length (12 bytes in all);
    /// the others have a 16-bit length (8 bytes). PS3.5 §7.1.2, Table 7.1-1 and 7.1-2.
    public var hasLongExplicitHeader: Bool {
        switch self {
        case .OB, .OD, .OF, .OL, .OV, .OW, .SQ, .SV, .UC, .UN, .UR, .UT, .UV: return true
        default: return false
        }
    }

    /// Character string VRs whose bytes are decoded through the Specific Character Set or as ASCII. PS3.5 §6.2.
    public var isString: Bool {
        switch self {
        case .AE, .AS, .CS, .DA, .DS, .DT, .IS, .LO, .LT, .PN, .SH, .ST, .TM, .UC, .UI, .UR, .UT: return true
        default: return false
        }
    }

    /// String VRs decoded through the Specific Character Set (others are the default repertoire). PS3.5 §6.1.2.3.
    public var usesSpecificCharacterSet: Bool {
        switch self {
        case .LO, .LT, .PN, .SH, .ST, .UC, .UT: return true
        default: return false
        }
    }

    /// VRs whose value is a single string that may contain backslashes (no value multiplicity). PS3.5 §6.2.
    public var isSingleValuedText: Bool {
        switch self {
        case .LT, .ST, .UT, .UR: return true
        default: return false
        }
    }

    /// Size of one binary value, for VRs whose value is a packed array of numbers (byte-swapped in big endian).
    public var binaryWordSize: Int? {
        switch self {
        case .US, .SS, .OW, .AT: return 2
        case .UL, .SL, .FL, .OF, .OL: return 4
        case .FD, .OD, .SV, .UV, .OV: return 8
        default: return nil
        }
    }

    /// The byte that pads an odd-length value to even length. PS3.5 §6.2 (UI and binary with NUL, text with space).
    public var paddingByte: UInt8 {
        switch self {
        case .UI, .OB, .UN: return 0x00
        default: return isString ? 0x20 : 0x00
        }
    }
}
