/// An HL7 v2 message in ER7 encoding (HL7 v2.5.1 §2.5, §2.6): an MSH segment followed by other segments.
///
/// Parsing splits the bytes into segments and notes field separator offsets in one pass; values are
/// cut, unescaped and decoded only when asked for. `encode()` writes every segment followed by a CR,
/// so a well-formed CR-separated message round-trips to the same bytes.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    /// The segments in order; the first is MSH.
    public private(set) var segments: [Segment]
    /// Delimiters from MSH-1/MSH-2.
    public let encoding: EncodingCharacters
    /// Character set from MSH-18.
    public let characterSet: HL7CharacterSet

    /// Assembles a message from segments.
    /// - Throws: `.missingMSH` when the first segment is not MSH.
    public init(segments: [Segment]) throws(HL7Error) {
        guard let first = segments.first, first.isMSH else {
            throw HL7Error(.missingMSH, "a message must start with an MSH segment")
        }
        self.segments = segments
        self.encoding = first.encoding
        self.characterSet = first.characterSet
    }

    init(validated segments: [Segment], encoding: EncodingCharacters, characterSet: HL7CharacterSet) {
        self.segments = segments
        self.encoding = encoding
        self.characterSet = characterSet
    }

    /// The MSH segment.
    public var header: Segment { segments[0] }

    /// First segment with the given id.
    public func segment(_ id: String) -> Segment? { segments.first { $0.id == id } }

    /// All segments with the given id, in order.
    public func segments(_ id: String) -> [Segment] { segments.filter { $0.id == id } }

    /// The `occurrence`-th (1-based) segment with the given id.
    public func segment(_ id: String, occurrence: Int) -> Segment? {
        var n = 0
        for s in segments where s.id == id {
            n += 1
            if n == occurrence { return s }
        }
        return nil
    }

    /// Appends a segment (built with the message's encoding characters).
    public mutating func append(_ segment: Segment) { segments.append(segment) }

    /// Replaces the segment at `index` (index 0, the MSH, must stay an MSH).
    public mutating func replaceSegment(at index: Int, with segment: Segment) throws(HL7Error) {
        guard index >= 0, index < segments.count else {
            throw HL7Error(.segmentSequence, "no segment at index \(index)")
        }
        if index == 0, !segment.isMSH { throw HL7Error(.missingMSH, "the first segment must stay MSH") }
        segments[index] = segment
    }

    /// ER7 bytes, each segment terminated by a carriage return (§2.5.2).
    public func encode() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(segments.reduce(0) { $0 + $1.bytes.count + 1 })
        for s in segments {
            out.append(contentsOf: s.bytes)
            out.append(0x0D)
        }
        return out
    }

    /// The message as text, segments separated by CR.
    public var description: String { characterSet.decode(encode()) }

    /// MSH-9.1 message code, e.g. `ADT`.
    public var messageCode: String? { header.field(9).component(1).text }
    /// MSH-9.2 trigger event, e.g. `A01`.
    public var triggerEvent: String? { header.field(9).component(2).text }
    /// MSH-10 message control id.
    public var controlID: String? { header.field(10).text }
    /// MSH-12.1 version id, e.g. `2.5.1`.
    public var version: String? { header.field(12).component(1).text }
}
