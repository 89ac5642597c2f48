/// One key of an archive query: the attribute (its DICOM tag, group in the high 16 bits) and how it is to be
/// matched. A key with universal matching is a return key only (PS3.4 §C.2.2.2.3).
public struct ArchiveQueryKey: Sendable, Codable, Equatable, Hashable {
    /// The attribute's tag, `(group << 16) | element`.
    public var tag: UInt32
    public var match: AttributeMatch

    public init(tag: UInt32, match: AttributeMatch) {
        self.tag = tag
        self.match = match
    }

    /// Parses a key's value as a C-FIND identifier or a QIDO-RS query parameter carries it (the rules of
    /// ``AttributeMatch/init(parsing:kind:attribute:)``).
    public init(tag: UInt32, kind: ArchiveValueKind, value: String, attribute: String) throws {
        self.init(tag: tag, match: try AttributeMatch(parsing: value, kind: kind, attribute: attribute))
    }
}
