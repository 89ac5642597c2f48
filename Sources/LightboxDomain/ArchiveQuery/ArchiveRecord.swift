/// One answer to an ``ArchiveQuery``: the attributes the index holds for a record of the query level and the
/// levels above it, as DICOM string values (multiple values joined by `\`, PS3.5 §6.4), by tag.
public struct ArchiveRecord: Sendable, Codable, Equatable {
    public var level: ArchiveQueryLevel
    public var values: [UInt32: String]
    /// The items of the indexed sequences the query asked for (PS3.4 §C.2.2.2.6), by sequence tag:
    /// each item's attributes by tag.
    public var sequences: [UInt32: [[UInt32: String]]] = [:]

    public init(level: ArchiveQueryLevel, values: [UInt32: String]) {
        self.level = level
        self.values = values
    }

    public subscript(tag: UInt32) -> String? { values[tag] }
}
