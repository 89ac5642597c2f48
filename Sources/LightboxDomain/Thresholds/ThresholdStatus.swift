import Foundation

/// One threshold as `ViewThresholds` shows it: the value in force now, the start-up default, where the value in
/// force comes from, and every change (past and scheduled).
public struct ThresholdStatus: Sendable, Codable, Equatable {
    /// Where the value in force comes from.
    public enum Source: String, Sendable, Codable {
        /// The start-up configuration (DOMAIN.md's default or the department's file).
        case `default`
        /// A signed-off change whose effective date has come.
        case change
    }

    public var name: String
    public var kind: Threshold.Kind
    public var summary: String
    public var minimum: Double
    public var maximum: Double
    public var current: ThresholdValue
    public var defaultValue: ThresholdValue
    public var source: Source
    /// The change in force, when `source` is `change`.
    public var currentChange: UUID?
    /// Every change of this threshold, oldest effective date first.
    public var history: [ThresholdChange]

    public init(
        name: String, kind: Threshold.Kind, summary: String, minimum: Double, maximum: Double,
        current: ThresholdValue, defaultValue: ThresholdValue, source: Source, currentChange: UUID?,
        history: [ThresholdChange]
    ) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.minimum = minimum
        self.maximum = maximum
        self.current = current
        self.defaultValue = defaultValue
        self.source = source
        self.currentChange = currentChange
        self.history = history
    }
}
