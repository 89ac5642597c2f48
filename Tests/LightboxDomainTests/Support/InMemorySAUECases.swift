import Foundation
import LightboxDomain

struct InMemorySAUECases: SAUECaseRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> SAUECase? { await store.read { $0.saueCases[id] } }
    func list(status: SAUECase.Status?, limit: Int) async throws -> [SAUECase] {
        await store.read { state in
            Array(
                state.saueCases.values.filter { status == nil || $0.status == status }
                    .sorted { ($0.reportedAt, $0.id.uuidString) > ($1.reportedAt, $1.id.uuidString) }
                    .prefix(limit))
        }
    }
    func insert(_ saueCase: SAUECase) async throws {
        try await store.mutate { try $0.saueCases.insertNew(saueCase, key: saueCase.id, what: "SAUE case") }
    }
    func update(_ saueCase: SAUECase) async throws {
        try await store.mutate { try $0.saueCases.replaceExisting(saueCase, key: saueCase.id, what: "SAUE case") }
    }
}
