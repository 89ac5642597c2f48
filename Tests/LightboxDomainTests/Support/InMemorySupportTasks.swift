import Foundation
import LightboxDomain

/// The task board in memory, ordered as the store orders it (soonest due first).
struct InMemorySupportTasks: SupportTaskRepository {
    let store: InMemoryDepartmentStore

    func get(_ id: UUID) async throws -> SupportTask? { await store.read { $0.tasks[id] } }

    func list(_ query: SupportTaskQuery) async throws -> [SupportTask] {
        await store.read { state in
            Array(
                state.tasks.values.filter(query.matches)
                    .sorted {
                        query.newestFirst
                            ? $0.requestedAt > $1.requestedAt
                            : ($0.dueAt, $0.requestedAt, $0.id.uuidString) < (
                                $1.dueAt, $1.requestedAt, $1.id.uuidString
                            )
                    }
                    .prefix(max(query.limit, 1)))
        }
    }

    func insert(_ task: SupportTask) async throws {
        try await store.mutate { try $0.tasks.insertNew(task, key: task.id, what: "task") }
    }

    func update(_ task: SupportTask) async throws {
        try await store.mutate { try $0.tasks.replaceExisting(task, key: task.id, what: "task") }
    }
}
