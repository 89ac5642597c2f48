import Foundation
import LightboxDomain

struct InMemoryIncidents: IncidentRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> Incident? { await store.read { $0.incidents[id] } }
    func list(_ query: IncidentQuery) async throws -> [Incident] {
        await store.read { state in
            Array(
                state.incidents.values.filter(query.matches)
                    .sorted { ($0.occurredAt, $1.id.uuidString) > ($1.occurredAt, $0.id.uuidString) }
                    .prefix(query.limit))
        }
    }
    func insert(_ incident: Incident) async throws {
        try await store.mutate { try $0.incidents.insertNew(incident, key: incident.id, what: "incident") }
    }
    func update(_ incident: Incident) async throws {
        try await store.mutate { try $0.incidents.replaceExisting(incident, key: incident.id, what: "incident") }
    }
}
