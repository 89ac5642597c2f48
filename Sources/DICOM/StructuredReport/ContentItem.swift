/// One node of an SR content tree. PS3.3 §C.17.3 (SR Document Content Module).
///
/// The root is the document's own CONTAINER; `children` are the items of its Content Sequence
/// (0040,A730), each with the relationship it has to this item. An item that only points at
/// another item (by-reference relationship, PS3.3 §C.17.3.2.5) has `reference` set and value `.reference`.
public struct ContentItem: Sendable, Hashable {
    /// The value of a content item, by value type. PS3.3 Table C.17-5 and §C.18.
    public enum Value: Sendable, Hashable {
        /// CONTAINER; `continuous` is Continuity of Content (0040,A050) = CONTINUOUS (else SEPARATE).
        case container(continuous: Bool)
        /// TEXT: Text Value (0040,A160).
        case text(String)
        /// CODE: Concept Code Sequence (0040,A168).
        case code(CodedEntry)
        /// NUM: the measured value (nil when absent) and Numeric Value Qualifier (0040,A301).
        case num(MeasuredValue?, qualifier: CodedEntry?)
        /// DATETIME: DateTime (0040,A120), as stored.
        case dateTime(String)
        /// DATE: Date (0040,A121), as stored.
        case date(String)
        /// TIME: Time (0040,A122), as stored.
        case time(String)
        /// UIDREF: UID (0040,A124).
        case uidRef(String)
        /// PNAME: Person Name (0040,A123).
        case personName(PersonName)
        /// COMPOSITE: a referenced composite object.
        case composite(ReferencedSOP)
        /// IMAGE: a referenced image, with frames and segments.
        case image(ReferencedSOP)
        /// WAVEFORM: a referenced waveform, with channels.
        case waveform(ReferencedSOP)
        /// SCOORD: image coordinates.
        case scoord(SpatialCoordinates)
        /// SCOORD3D: patient coordinates in a frame of reference.
        case scoord3D(SpatialCoordinates)
        /// TCOORD: temporal coordinates.
        case tcoord(TemporalCoordinates)
        /// A by-reference item: the target is `reference`.
        case reference
        /// The value type was missing, unknown, or its value attribute could not be read; the raw
        /// Value Type string is kept.
        case unknown(String)
    }

    /// Relationship Type (0040,A010) to the parent; nil for the root (and when missing or unknown).
    public var relationship: SRRelationshipType?
    /// Value Type (0040,A040) when it was a known one.
    public var valueType: SRValueType?
    /// Concept Name Code Sequence (0040,A043); nil when absent (allowed for some items).
    public var conceptName: CodedEntry?
    /// The value.
    public var value: Value
    /// Observation DateTime (0040,A032), as stored.
    public var observationDateTime: String?
    /// Referenced Content Item Identifier (0040,DB73) of a by-reference item: the 1-based positions
    /// of the target from the root (`[1, 3, 2]`).
    public var reference: [Int]?
    /// Position of this item from the root, 1-based (`[]` for the root). PS3.3 §C.17.3.2.5.
    public var position: [Int]
    /// The children, in Content Sequence order.
    public var children: [ContentItem]

    /// Creates an item.
    public init(
        relationship: SRRelationshipType?, valueType: SRValueType?, conceptName: CodedEntry?, value: Value,
        observationDateTime: String? = nil, reference: [Int]? = nil, position: [Int] = [], children: [ContentItem] = []
    ) {
        self.relationship = relationship
        self.valueType = valueType
        self.conceptName = conceptName
        self.value = value
        self.observationDateTime = observationDateTime
        self.reference = reference
        self.position = position
        self.children = children
    }

    /// The position as text, `1.3.2` (empty for the root).
    public var path: String { position.map(String.init).joined(separator: ".") }
}
