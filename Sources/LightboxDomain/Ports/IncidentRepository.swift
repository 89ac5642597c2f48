import Foundation

/// Incidents and near misses.
public protocol IncidentRepository: Sendable {
    func get(_ id: UUID) async throws -> Incident?
    /// Those matching `query`, newest occurrence first, at most `query.limit`.
    func list(_ query: IncidentQuery) async throws -> [Incident]
    func insert(_ incident: Incident) async throws
    func update(_ incident: Incident) async throws
}
