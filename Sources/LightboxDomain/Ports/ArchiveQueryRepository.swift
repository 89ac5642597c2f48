import Foundation

/// Queries of the archive's index (patients, studies, series, instances), answered from indexed columns: the one
/// place PS3.4 §C.2.2.2 matching becomes SQL, shared by C-FIND, C-MOVE, C-GET, QIDO-RS and WADO-RS.
public protocol ArchiveQueryRepository: Sendable {
    /// The records of `query.level` matching every key, in a stable order (by the levels' unique keys), at most
    /// `query.limit` after skipping `query.offset`.
    func find(_ query: ArchiveQuery) async throws -> [ArchiveRecord]
    /// The instances under the records `query` matches (every instance of a matching study, of a matching series,
    /// or the matching instances), in study, series, instance number order, at most `query.limit`.
    func instanceFiles(_ query: ArchiveQuery) async throws -> [ArchivedInstanceFile]
}
