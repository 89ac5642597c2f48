/// The character set of a message, from MSH-18 (HL7 v2.5.1 §2.15.9.18, table 0211).
///
/// Delimiters are always single ASCII bytes, so a message is split on bytes first and each value is
/// decoded with its message's character set afterwards (after `\Xhh\` escapes have been turned into bytes).
public enum HL7CharacterSet: Sendable, Hashable {
    /// MSH-18 empty. Strictly this means ASCII; in practice senders put UTF-8 or Windows-1252 there,
    /// so values are decoded as UTF-8 when valid and as Windows-1252 otherwise.
    case unspecified
    /// `ASCII`: decoded like `.unspecified`, since non-ASCII bytes in such messages are common.
    case ascii
    /// `8859/1` (Latin-1).
    case iso8859_1
    /// `8859/15` (Latin-9).
    case iso8859_15
    /// `8859/2` … `8859/9` (Central European, Latin-3, Baltic, Cyrillic, Arabic, Greek, Hebrew, Turkish).
    case iso8859(part: Int)
    /// `UNICODE UTF-8` (and the deprecated `UNICODE`).
    case utf8
    /// A table 0211 value this module does not decode; values are read as UTF-8/Windows-1252.
    case unsupported(String)

    /// Maps an MSH-18 value to a character set.
    public init(msh18 value: String) {
        switch value.trimmingSpaces().uppercased() {
        case "": self = .unspecified
        case "ASCII": self = .ascii
        case "8859/1": self = .iso8859_1
        case "8859/15": self = .iso8859_15
        case "8859/2", "8859/3", "8859/4", "8859/5", "8859/6", "8859/7", "8859/8", "8859/9":
            self = .iso8859(part: Int(value.trimmingSpaces().dropFirst(5)) ?? 2)
        case "UNICODE UTF-8", "UNICODE", "UTF-8", "UTF8": self = .utf8
        default: self = .unsupported(value)
        }
    }

    /// The table 0211 value to write in MSH-18 (empty for `.unspecified`).
    public var msh18: String {
        switch self {
        case .unspecified: return ""
        case .ascii: return "ASCII"
        case .iso8859_1: return "8859/1"
        case .iso8859_15: return "8859/15"
        case .iso8859(let part): return "8859/\(part)"
        case .utf8: return "UNICODE UTF-8"
        case .unsupported(let name): return name
        }
    }

    /// Decodes bytes of this character set into a string; never fails.
    public func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .iso8859_1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .iso8859_15:
            return String(String.UnicodeScalarView(bytes.map { HL7CharacterSet.latin9Scalar($0) }))
        case .iso8859(let part):
            let table = ISO8859.upperHalf(part: part) ?? []
            return String(
                String.UnicodeScalarView(
                    bytes.map { b in
                        guard b >= 0xA0, table.count == 96 else { return Unicode.Scalar(b) }
                        return Unicode.Scalar(UInt32(table[Int(b - 0xA0)])) ?? Unicode.Scalar(b)
                    }))
        case .unspecified, .ascii, .unsupported:
            if let s = String(validating: bytes, as: UTF8.self) { return s }
            return String(String.UnicodeScalarView(bytes.map { HL7CharacterSet.windows1252Scalar($0) }))
        }
    }

    /// Encodes a string in this character set; characters it cannot represent become `?`.
    public func encode(_ string: String) -> [UInt8] {
        switch self {
        case .iso8859_1:
            return string.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : UInt8(ascii: "?") }
        case .iso8859_15:
            return string.unicodeScalars.map { HL7CharacterSet.latin9Byte($0) }
        case .iso8859(let part):
            let table = ISO8859.upperHalf(part: part) ?? []
            return string.unicodeScalars.map { s in
                if s.value < 0xA0 { return UInt8(s.value) }
                if let i = table.firstIndex(of: UInt16(truncatingIfNeeded: s.value)), s.value <= 0xFFFF,
                    s.value != 0xFFFD
                {
                    return UInt8(0xA0 + i)
                }
                return UInt8(ascii: "?")
            }
        default:
            return Array(string.utf8)
        }
    }

    private static let latin9: [(UInt8, UInt32)] = [
        (0xA4, 0x20AC), (0xA6, 0x0160), (0xA8, 0x0161), (0xB4, 0x017D), (0xB8, 0x017E), (0xBC, 0x0152),
        (0xBD, 0x0153), (0xBE, 0x0178),
    ]

    static func latin9Scalar(_ b: UInt8) -> Unicode.Scalar {
        for (byte, scalar) in latin9 where byte == b { return Unicode.Scalar(scalar) ?? Unicode.Scalar(b) }
        return Unicode.Scalar(b)
    }

    static func latin9Byte(_ s: Unicode.Scalar) -> UInt8 {
        for (byte, scalar) in latin9 where scalar == s.value { return byte }
        if s.value < 0x100, !latin9.contains(where: { $0.0 == UInt8(s.value) }) { return UInt8(s.value) }
        return UInt8(ascii: "?")
    }

    /// Windows-1252 0x80–0x9F; the rest equals Latin-1.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func windows1252Scalar(_ b: UInt8) -> Unicode.Scalar {
        if b >= 0x80, b <= 0x9F { return Unicode.Scalar(cp1252High[Int(b - 0x80)]) ?? Unicode.Scalar(b) }
        return Unicode.Scalar(b)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
