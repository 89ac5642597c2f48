/// A query of the archive's index: what a C-FIND identifier (PS3.4 §C.4.1) or a QIDO-RS request (PS3.18 §10.6)
/// asks, in one shape for both doors. The store translates the keys' matching (PS3.4 §C.2.2.2) to SQL in one place
/// and answers from indexed columns.
public struct ArchiveQuery: Sendable, Codable, Equatable {
    /// The level whose records are returned.
    public var level: ArchiveQueryLevel
    /// Matching and return keys, of the query level and the levels above it. A key the index does not hold is
    /// treated as universal matching and comes back empty, as PS3.4 §C.2.2.1.2 allows for optional keys.
    public var keys: [ArchiveQueryKey]
    /// At most this many records (QIDO-RS `limit`; the use case bounds it).
    public var limit: Int
    /// Records skipped first (QIDO-RS `offset`).
    public var offset: Int

    public init(level: ArchiveQueryLevel, keys: [ArchiveQueryKey] = [], limit: Int, offset: Int = 0) {
        self.level = level
        self.keys = keys
        self.limit = limit
        self.offset = offset
    }

    /// The key for `tag`, if the query has one.
    public func key(_ tag: UInt32) -> ArchiveQueryKey? { keys.first { $0.tag == tag } }
}
