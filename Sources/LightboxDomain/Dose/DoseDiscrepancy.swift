import Foundation

/// Two sources disagree on a figure by more than the configured tolerance
/// (`DoseThresholds.sourceDisagreementPercent`): both values are kept and shown.
public struct DoseDiscrepancy: Sendable, Codable, Equatable, Hashable {
    public var metric: DoseMetric
    /// The source the record chose, and its value.
    public var chosenSource: DoseSource
    public var chosenValue: Double
    /// The other source and its value.
    public var otherSource: DoseSource
    public var otherValue: Double
    /// |chosen − other| / max(|chosen|, |other|), per cent.
    public var differencePercent: Double

    public init(
        metric: DoseMetric, chosenSource: DoseSource, chosenValue: Double, otherSource: DoseSource,
        otherValue: Double, differencePercent: Double
    ) {
        self.metric = metric
        self.chosenSource = chosenSource
        self.chosenValue = chosenValue
        self.otherSource = otherSource
        self.otherValue = otherValue
        self.differencePercent = differencePercent
    }
}
