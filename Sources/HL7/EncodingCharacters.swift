/// The delimiters a message declares in MSH-1 and MSH-2 (HL7 v2.5.1 §2.5.4; the truncation character
/// is HL7 v2.7 §2.5.5.2).
public struct EncodingCharacters: Sendable, Hashable {
    public let field: UInt8
    public let component: UInt8
    public let repetition: UInt8
    public let escape: UInt8
    public let subcomponent: UInt8
    /// v2.7 truncation character (usually `#`), when MSH-2 declares one.
    public let truncation: UInt8?

    /// `|^~\&`, the recommended characters.
    public static let standard = EncodingCharacters(
        field: UInt8(ascii: "|"), component: UInt8(ascii: "^"), repetition: UInt8(ascii: "~"),
        escape: UInt8(ascii: "\\"), subcomponent: UInt8(ascii: "&"), truncation: nil)

    /// Builds and validates a delimiter set: all distinct, printable, not alphanumeric.
    public init(
        field: UInt8, component: UInt8, repetition: UInt8, escape: UInt8, subcomponent: UInt8,
        truncation: UInt8? = nil
    ) {
        self.field = field
        self.component = component
        self.repetition = repetition
        self.escape = escape
        self.subcomponent = subcomponent
        self.truncation = truncation
    }

    /// Reads MSH-1 and MSH-2 from the start of an MSH segment (`MSH|^~\&|...`).
    /// - Throws: `HL7Error` `.truncatedSegment` or `.badEncodingCharacters`.
    static func read(msh bytes: ArraySlice<UInt8>) throws(HL7Error) -> EncodingCharacters {
        let loc = ErrorLocation(segmentID: "MSH", field: 2)
        guard bytes.count >= 4 else {
            throw HL7Error(.truncatedSegment, "MSH segment ends before MSH-1 (field separator)", location: loc)
        }
        let start = bytes.startIndex
        let fs = bytes[start + 3]
        var chars: [UInt8] = []
        var i = start + 4
        while i < bytes.endIndex, bytes[i] != fs, chars.count < 6 {
            chars.append(bytes[i])
            i += 1
        }
        guard chars.count == 4 || chars.count == 5 else {
            throw HL7Error(
                .badEncodingCharacters,
                "MSH-2 must hold 4 encoding characters (5 with the v2.7 truncation character), found \(chars.count)"
                    + (i < bytes.endIndex && bytes[i] != fs ? " or more" : ""),
                location: loc)
        }
        let all = [fs] + chars
        for c in all {
            if !isAllowedDelimiter(c) {
                throw HL7Error(
                    .badEncodingCharacters,
                    "encoding character 0x\(hex(c)) is not a printable non-alphanumeric character",
                    location: loc)
            }
        }
        if Set(all).count != all.count {
            throw HL7Error(
                .badEncodingCharacters,
                "encoding characters '\(String(decoding: all, as: UTF8.self))' are not all distinct", location: loc)
        }
        return EncodingCharacters(
            field: fs, component: chars[0], repetition: chars[1], escape: chars[2], subcomponent: chars[3],
            truncation: chars.count == 5 ? chars[4] : nil)
    }

    private static func isAllowedDelimiter(_ c: UInt8) -> Bool {
        guard c > 0x20, c < 0x7F else { return false }
        let isAlnum =
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
        return !isAlnum
    }

    /// MSH-2 as written: component, repetition, escape, sub-component (, truncation).
    public var msh2: String {
        var b = [component, repetition, escape, subcomponent]
        if let truncation { b.append(truncation) }
        return String(decoding: b, as: UTF8.self)
    }

    /// Whether `byte` is one of the delimiters that must be escaped in data.
    @inlinable func isDelimiter(_ byte: UInt8) -> Bool {
        byte == field || byte == component || byte == repetition || byte == escape || byte == subcomponent
            || byte == truncation
    }
}

func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    return String(decoding: [digits[Int(b >> 4)], digits[Int(b & 0xF)]], as: UTF8.self)
}
