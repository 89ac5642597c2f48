/// A data element tag: group and element number. PS3.5 §7.1.
///
/// Ordered as the standard orders elements in a data set (by group, then element).
public struct Tag: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `group << 16 | element`.
    public let rawValue: UInt32

    /// Creates a tag from its group and element numbers: `Tag(0x0010, 0x0010)`.
    public init(_ group: UInt16, _ element: UInt16) {
        rawValue = UInt32(group) << 16 | UInt32(element)
    }

    /// Creates a tag from `group << 16 | element`: `Tag(rawValue: 0x0010_0010)`.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The group number.
    public var group: UInt16 { UInt16(truncatingIfNeeded: rawValue >> 16) }
    /// The element number.
    public var element: UInt16 { UInt16(truncatingIfNeeded: rawValue) }

    /// Odd groups (other than 0001, 0003, 0005, 0007, FFFF) hold private data elements. PS3.5 §7.8.1.
    public var isPrivate: Bool { group & 1 == 1 && group > 0x0007 && group != 0xFFFF }
    /// A private creator element (gggg,0010-00FF) reserving a block. PS3.5 §7.8.1.
    public var isPrivateCreator: Bool { isPrivate && element >= 0x0010 && element <= 0x00FF }
    /// A group length element (gggg,0000). PS3.5 §7.2.
    public var isGroupLength: Bool { element == 0 }
    /// Item, item delimitation and sequence delimitation tags (FFFE,xxxx). PS3.5 §7.5.
    public var isDelimiter: Bool { group == 0xFFFE }

    public static func < (lhs: Tag, rhs: Tag) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `(0010,0010)` as dcmdump prints it.
    public var description: String { "(\(hex4(group)),\(hex4(element)))" }

    /// `00100010` as the DICOM JSON model names attributes. PS3.18 §F.2.
    public var jsonKey: String { hex4(group) + hex4(element) }

    /// Parses `00100010`, `(0010,0010)` or `0010,0010`.
    public init?(string: String) {
        let hex = string.filter { $0.isHexDigit }
        guard hex.count == 8, let value = UInt32(hex, radix: 16) else { return nil }
        rawValue = value
    }
}

func hex4(_ value: UInt16) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    let bytes: [UInt8] = [
        digits[Int(value >> 12) & 0xF], digits[Int(value >> 8) & 0xF],
        digits[Int(value >> 4) & 0xF], digits[Int(value) & 0xF],
    ]
    return String(decoding: bytes, as: UTF8.self)
}

extension Tag {
    /// Item (FFFE,E000). PS3.5 §7.5.
    public static let item = Tag(0xFFFE, 0xE000)
    /// Item Delimitation Item (FFFE,E00D). PS3.5 §7.5.
    public static let itemDelimitationItem = Tag(0xFFFE, 0xE00D)
    /// Sequence Delimitation Item (FFFE,E0DD). PS3.5 §7.5.
    public static let sequenceDelimitationItem = Tag(0xFFFE, 0xE0DD)
}
