import Foundation

/// Every threshold with its value in force now, its start-up default, its source and its history. Anyone who
/// may see reference data may see them (the numbers rules apply are no secret); reading is not audited because
/// no patient's record is read.
public struct ViewThresholds: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> [ThresholdStatus] {
        try environment.policy.require(actor, .viewReferenceData)
        let now = environment.clock.now()
        let defaults = environment.configuration
        let changes = try await environment.store.transaction { unit in try await unit.thresholds.list() }
        let inForce = defaults.inForce(at: now, changes: changes)
        return Threshold.all.map { threshold in
            let history = changes.filter { $0.name == threshold.name }
                .sorted { ($0.effectiveFrom, $0.recordedAt) < ($1.effectiveFrom, $1.recordedAt) }
            let applied = history.last { $0.effectiveFrom <= now && threshold.problems(with: $0.value).isEmpty }
            return ThresholdStatus(
                name: threshold.name, kind: threshold.kind, summary: threshold.summary,
                minimum: threshold.bounds.lowerBound, maximum: threshold.bounds.upperBound,
                current: threshold.value(in: inForce), defaultValue: threshold.value(in: defaults),
                source: applied == nil ? .default : .change, currentChange: applied?.id, history: history)
        }
    }

    /// The configuration in force now, for adapters that show thresholds beside a form (no patient data, so no
    /// permission or audit).
    public func configurationInForce() async throws -> DepartmentConfiguration {
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in try await environment.configuration(at: now, in: unit)
        }
    }
}
