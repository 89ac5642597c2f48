/// A coded entry: a code value in a coding scheme with its meaning. PS3.3 §8.8 (Code Sequence Macro).
///
/// The value is whichever of Code Value (0008,0100), Long Code Value (0008,0119) or URN Code Value
/// (0008,0120) the item carried; `valueKind` says which.
public struct CodedEntry: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Which attribute held the code value. PS3.3 §8.8.
    public enum ValueKind: String, Sendable, Hashable, Codable {
        /// Code Value (0008,0100), at most 16 characters.
        case short
        /// Long Code Value (0008,0119).
        case long
        /// URN Code Value (0008,0120).
        case urn
    }

    /// The code value (short, long or URN).
    public var value: String
    /// Coding Scheme Designator (0008,0102), e.g. `DCM`, `SCT`, `UCUM`; empty for URN codes.
    public var scheme: String
    /// Code Meaning (0008,0104).
    public var meaning: String
    /// Coding Scheme Version (0008,0103), when given.
    public var schemeVersion: String?
    /// Which attribute held the value.
    public var valueKind: ValueKind

    /// Creates a coded entry: `CodedEntry("113722", "DCM", "Dose Area Product Total")`.
    public init(
        _ value: String, _ scheme: String, _ meaning: String = "", schemeVersion: String? = nil,
        valueKind: ValueKind = .short
    ) {
        self.value = value
        self.scheme = scheme
        self.meaning = meaning
        self.schemeVersion = schemeVersion
        self.valueKind = valueKind
    }

    /// Reads a code sequence item; nil when it has no code value of any kind.
    public init?(item: DataSet) {
        let kind: ValueKind
        let value: String
        if let short = item.string(.codeValue), !short.isEmpty {
            (kind, value) = (.short, short)
        } else if let long = item.string(.longCodeValue), !long.isEmpty {
            (kind, value) = (.long, long)
        } else if let urn = item.string(.urnCodeValue), !urn.isEmpty {
            (kind, value) = (.urn, urn)
        } else {
            return nil
        }
        self.init(
            value, item.string(Tag(0x0008, 0x0102)) ?? "", item.string(.codeMeaning) ?? "",
            schemeVersion: item.string(Tag(0x0008, 0x0103)), valueKind: kind)
    }

    /// Same code value and, when both name one, the same scheme (SRT, SNM3 and SCT are treated
    /// as one family, since SNOMED codes moved from SRT to SCT identifiers over the years).
    public func matches(_ other: CodedEntry) -> Bool {
        guard value == other.value else { return false }
        if scheme.isEmpty || other.scheme.isEmpty { return true }
        return Self.family(scheme) == Self.family(other.scheme)
    }

    private static func family(_ scheme: String) -> String {
        switch scheme.uppercased() {
        case "SRT", "SNM3", "SCT", "SNOMED", "99SDM": return "SNOMED"
        case "UCUM", "UCM": return "UCUM"
        default: return scheme.uppercased()
        }
    }

    /// `(113722, DCM, "Dose Area Product Total")`.
    public var description: String { "(\(value), \(scheme), \"\(meaning)\")" }

    /// The data set of one code sequence item holding this entry.
    public func item(characterSet: SpecificCharacterSet = .default) throws -> DataSet {
        var item = DataSet(characterSet: characterSet)
        switch valueKind {
        case .short: try item.set(.codeValue, string: value)
        case .long: try item.set(.longCodeValue, string: value)
        case .urn: try item.set(.urnCodeValue, string: value)
        }
        if !scheme.isEmpty { try item.set(Tag(0x0008, 0x0102), string: scheme) }
        if let schemeVersion { try item.set(Tag(0x0008, 0x0103), string: schemeVersion) }
        try item.set(.codeMeaning, string: meaning)
        return item
    }
}
