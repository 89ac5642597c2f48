import Foundation

/// The task board's tasks (issue 14). Nothing is deleted: a task ends done or cancelled.
public protocol SupportTaskRepository: Sendable {
    func get(_ id: UUID) async throws -> SupportTask?
    /// Tasks matching `query`, soonest due first, at most `query.limit`.
    func list(_ query: SupportTaskQuery) async throws -> [SupportTask]
    func insert(_ task: SupportTask) async throws
    func update(_ task: SupportTask) async throws
}
