/// One segment of a message (HL7 v2.5.1 §2.5.2): a three-character id followed by fields.
///
/// A segment keeps a slice of the message's bytes and the offsets of its field separators, found in the
/// single pass that splits the message; fields are views cut from that slice on demand.
public struct Segment: Sendable, Hashable, CustomStringConvertible {
    /// Raw bytes of the segment without its terminator.
    public let bytes: ArraySlice<UInt8>
    public let encoding: EncodingCharacters
    public let characterSet: HL7CharacterSet
    /// Absolute indices (into `bytes`' base) of each field separator.
    let separators: [Int]

    init(bytes: ArraySlice<UInt8>, separators: [Int], encoding: EncodingCharacters, characterSet: HL7CharacterSet) {
        self.bytes = bytes
        self.separators = separators
        self.encoding = encoding
        self.characterSet = characterSet
    }

    /// Parses one segment's bytes (no terminator).
    /// - Throws: `.badSegmentID` when the id is not three upper-case letters or digits.
    public init(
        parsing bytes: ArraySlice<UInt8>, encoding: EncodingCharacters = .standard,
        characterSet: HL7CharacterSet = .unspecified
    ) throws(HL7Error) {
        try Segment.checkID(bytes, field: encoding.field)
        var seps: [Int] = []
        for i in bytes.indices where bytes[i] == encoding.field { seps.append(i) }
        self.init(bytes: bytes, separators: seps, encoding: encoding, characterSet: characterSet)
    }

    /// Builds a segment from raw (already escaped) ER7 field values; `fields[0]` is field 1.
    /// For MSH, fields 1 and 2 are taken from `encoding` whatever is passed.
    public init(
        id: String, rawFields: [String], encoding: EncodingCharacters = .standard,
        characterSet: HL7CharacterSet = .utf8
    ) {
        var out = Array(id.utf8)
        var fields = rawFields
        let isMSH = id == "MSH"
        if isMSH {
            while fields.count < 2 { fields.append("") }
            out.append(encoding.field)
            out.append(contentsOf: encoding.msh2.utf8)
            fields.removeFirst(2)
        }
        while let last = fields.last, last.isEmpty { fields.removeLast() }
        for f in fields {
            out.append(encoding.field)
            out.append(contentsOf: characterSet.encode(f))
        }
        var seps: [Int] = []
        for i in out.indices where out[i] == encoding.field { seps.append(i) }
        self.init(bytes: ArraySlice(out), separators: seps, encoding: encoding, characterSet: characterSet)
    }

    static let mshBytes: [UInt8] = Array("MSH".utf8)

    static func checkID(_ bytes: ArraySlice<UInt8>, field: UInt8) throws(HL7Error) {
        guard bytes.count >= 3, bytes.count == 3 || bytes[bytes.startIndex + 3] == field else {
            let shown = String(decoding: bytes.prefix(12), as: UTF8.self)
            if bytes.count < 3 {
                throw HL7Error(.truncatedSegment, "segment '\(shown)' is shorter than a segment id")
            }
            throw HL7Error(
                .badSegmentID, "segment '\(shown)' does not start with a 3-character id and a field separator")
        }
        for b in bytes.prefix(3) {
            let ok =
                (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            if !ok {
                throw HL7Error(
                    .badSegmentID,
                    "segment id '\(String(decoding: bytes.prefix(3), as: UTF8.self))' is not 3 upper-case letters or digits"
                )
            }
        }
    }

    /// The three-character segment id.
    public var id: String { String(decoding: bytes.prefix(3), as: UTF8.self) }

    /// Whether the segment's id is `id` (compares bytes, no allocation).
    public func hasID(_ id: StaticString) -> Bool {
        guard bytes.count >= 3, id.utf8CodeUnitCount == 3 else { return false }
        let p = id.utf8Start
        let s = bytes.startIndex
        return bytes[s] == p[0] && bytes[s + 1] == p[1] && bytes[s + 2] == p[2]
    }

    var isMSH: Bool { hasID("MSH") }

    /// Number of the last field present.
    public var fieldCount: Int { isMSH ? separators.count + 1 : separators.count }

    /// Field `n` (1-based, numbered as the standard numbers them: MSH-1 is the field separator).
    public func field(_ n: Int) -> Field {
        guard n >= 1 else { return .absent(encoding, characterSet, .field) }
        if isMSH {
            if n == 1, let s = separators.first {
                return Field(
                    bytes: bytes[s...s], encoding: encoding, characterSet: characterSet, level: .field, opaque: true)
            }
            if n == 2 {
                return Field(
                    bytes: element(1), encoding: encoding, characterSet: characterSet, level: .field, opaque: true)
            }
            return Field(bytes: element(n - 1), encoding: encoding, characterSet: characterSet, level: .field)
        }
        return Field(bytes: element(n), encoding: encoding, characterSet: characterSet, level: .field)
    }

    /// Field `n`; same as `field(_:)`.
    public subscript(_ n: Int) -> Field { field(n) }

    /// Element `k` of the split on the field separator (element 0 is the id).
    private func element(_ k: Int) -> ArraySlice<UInt8> {
        guard k >= 1, k <= separators.count else { return bytes[bytes.endIndex..<bytes.endIndex] }
        let start = separators[k - 1] + 1
        let end = k < separators.count ? separators[k] : bytes.endIndex
        return bytes[start..<end]
    }

    /// A copy of this segment with field `n` replaced by a raw (already escaped) ER7 value.
    /// Field numbers below 1, and MSH-1/MSH-2 (which are the delimiters), leave the segment unchanged.
    public func setting(_ n: Int, raw: String) -> Segment {
        guard n >= 1, !(isMSH && n <= 2) else { return self }
        var fields = (1...max(fieldCount, n)).map { field($0).raw }
        fields[n - 1] = raw
        return Segment(id: id, rawFields: fields, encoding: encoding, characterSet: characterSet)
    }

    /// A copy of this segment with field `n` set to `value`, escaped.
    public func setting(_ n: Int, value: String) -> Segment {
        setting(n, raw: Escaping.escape(value, encoding: encoding, characterSet: characterSet))
    }

    public var description: String { characterSet.decode(bytes) }

    public static func == (a: Segment, b: Segment) -> Bool { a.bytes.elementsEqual(b.bytes) }
    public func hash(into h: inout Hasher) {
        for b in bytes { h.combine(b) }
    }
}
