import FluentKit
import Foundation
import LightboxDomain

/// `ThresholdRepository` on Fluent: one row per change, never updated or deleted.
struct FluentThresholdRepository: ThresholdRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func list() async throws -> [ThresholdChange] {
        try await ThresholdChangeModel.query(on: database).sort(\.$effectiveFrom).sort(\.$recordedAt)
            .limit(SetThreshold.maximumChanges).all().map(decode)
    }

    func insert(_ change: ThresholdChange) async throws {
        let model = ThresholdChangeModel()
        model.id = change.id
        model.name = change.name
        model.value = try context.coder.encode(change.value)
        model.effectiveFrom = change.effectiveFrom
        model.signedOffBy = change.signedOffBy
        model.signedOffByName = change.signedOffByName
        model.changedBy = change.changedBy
        model.reason = change.reason
        model.recordedAt = change.recordedAt
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("threshold change", "id \(change.id)")
        }
    }

    private func decode(_ model: ThresholdChangeModel) throws -> ThresholdChange {
        ThresholdChange(
            id: try model.requireID(), name: model.name,
            value: try context.coder.decode(ThresholdValue.self, from: model.value, table: ThresholdChangeModel.schema),
            effectiveFrom: model.effectiveFrom, signedOffBy: model.signedOffBy, signedOffByName: model.signedOffByName,
            changedBy: model.changedBy, reason: model.reason, recordedAt: model.recordedAt)
    }
}
