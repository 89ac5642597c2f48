import FluentKit
import Foundation
import LightboxDomain

/// `HeldModalityStepRepository` on Fluent: one row per held step, unique by its SOP Instance UID.
struct FluentHeldModalityStepRepository: HeldModalityStepRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> HeldModalityStep? {
        try await HeldModalityStepModel.find(id, on: database).map(decode)
    }

    func find(sopInstanceUID: String) async throws -> HeldModalityStep? {
        try await HeldModalityStepModel.query(on: database).filter(\.$sopInstanceUID == sopInstanceUID).first()
            .map(decode)
    }

    func list(decision: HeldModalityStep.Decision, limit: Int) async throws -> [HeldModalityStep] {
        try await HeldModalityStepModel.query(on: database).filter(\.$decision == decision.rawValue)
            .sort(\.$receivedAt).sort(\.$id).limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
    }

    func insert(_ step: HeldModalityStep) async throws {
        let model = HeldModalityStepModel()
        model.id = step.id
        try fill(model, step)
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("held performed procedure step", "SOP Instance UID \(step.sopInstanceUID)")
        }
    }

    func update(_ step: HeldModalityStep) async throws {
        guard let model = try await HeldModalityStepModel.find(step.id, on: database) else {
            throw context.missing("held performed procedure step", "id \(step.id)")
        }
        try fill(model, step)
        try await model.update(on: database)
    }

    private func fill(_ model: HeldModalityStepModel, _ step: HeldModalityStep) throws {
        model.sopInstanceUID = step.sopInstanceUID
        model.decision = step.decision.rawValue
        model.examID = step.examID
        model.receivedAt = step.receivedAt
        model.document = try context.coder.encode(step)
    }

    private func decode(_ model: HeldModalityStepModel) throws -> HeldModalityStep {
        try context.coder.decode(HeldModalityStep.self, from: model.document, table: HeldModalityStepModel.schema)
    }
}
