import Foundation
import LightboxDomain

struct InMemoryRota: RotaRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> RotaAssignment? { await store.read { $0.rota[id] } }
    func list(from first: CalendarDate, to last: CalendarDate, roomID: UUID?, staffID: UUID?, limit: Int) async throws
        -> [RotaAssignment]
    {
        await store.read { state in
            Array(
                state.rota.values.filter {
                    $0.day >= first && $0.day <= last && (roomID == nil || $0.roomID == roomID)
                        && (staffID == nil || $0.staffID == staffID)
                }
                .sorted {
                    ($0.day, $0.session, $0.roomName, $0.staffName) < ($1.day, $1.session, $1.roomName, $1.staffName)
                }
                .prefix(limit))
        }
    }
    func insert(_ assignment: RotaAssignment) async throws {
        try await store.mutate { try $0.rota.insertNew(assignment, key: assignment.id, what: "rota assignment") }
    }
    func delete(_ id: UUID) async throws {
        try await store.mutate { state in
            guard state.rota.removeValue(forKey: id) != nil else { throw InMemoryStoreError.missing("rota assignment") }
        }
    }
}
