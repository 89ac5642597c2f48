import Foundation
import LightboxDomain

struct InMemoryHeldModalitySteps: HeldModalityStepRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> HeldModalityStep? { await store.read { $0.heldModalitySteps[id] } }
    func find(sopInstanceUID: String) async throws -> HeldModalityStep? {
        await store.read { $0.heldModalitySteps.values.first { $0.sopInstanceUID == sopInstanceUID } }
    }
    func list(decision: HeldModalityStep.Decision, limit: Int) async throws -> [HeldModalityStep] {
        await store.read { state in
            Array(
                state.heldModalitySteps.values.filter { $0.decision == decision }
                    .sorted { ($0.receivedAt, $0.id.uuidString) < ($1.receivedAt, $1.id.uuidString) }
                    .prefix(limit))
        }
    }
    func insert(_ step: HeldModalityStep) async throws {
        try await store.mutate { state in
            guard !state.heldModalitySteps.values.contains(where: { $0.sopInstanceUID == step.sopInstanceUID }) else {
                throw InMemoryStoreError.duplicate("held step")
            }
            try state.heldModalitySteps.insertNew(step, key: step.id, what: "held step")
        }
    }
    func update(_ step: HeldModalityStep) async throws {
        try await store.mutate { try $0.heldModalitySteps.replaceExisting(step, key: step.id, what: "held step") }
    }
}
