import Foundation

extension DepartmentConfiguration {
    /// The configuration in force at `moment`: these values (the start-up defaults) overlaid, in order of
    /// `effectiveFrom` then `recordedAt`, with every change whose effective date has come. Changes to a name no
    /// longer known are ignored rather than failing every rule.
    public func inForce(at moment: Date, changes: [ThresholdChange]) -> DepartmentConfiguration {
        changes.filter { $0.effectiveFrom <= moment }
            .sorted { ($0.effectiveFrom, $0.recordedAt) < ($1.effectiveFrom, $1.recordedAt) }
            .reduce(self) { configuration, change in
                guard let threshold = Threshold.named(change.name),
                    threshold.problems(with: change.value).isEmpty
                else { return configuration }
                return threshold.applying(change.value, to: configuration)
            }
    }
}
