import Foundation

/// An exam's figure against one diagnostic reference level, with the ratio stored (DOMAIN.md "Dose":
/// compare each exam with its local DRL and national DRL; store the ratio).
public struct DoseComparison: Sendable, Codable, Equatable, Hashable {
    public var metric: DoseMetric
    public var value: Double
    public var referenceLevel: Double
    /// value / referenceLevel.
    public var ratio: Double
    public var levelSource: DiagnosticReferenceLevel.Source
    /// The DRL's exam type ("CT head (stroke)") and, for a local DRL, its room.
    public var levelDescription: String
    /// The local DRL's id (nil for a national one).
    public var localLevelID: UUID?

    public init(
        metric: DoseMetric, value: Double, referenceLevel: Double, levelSource: DiagnosticReferenceLevel.Source,
        levelDescription: String, localLevelID: UUID? = nil
    ) {
        self.metric = metric
        self.value = value
        self.referenceLevel = referenceLevel
        self.ratio = referenceLevel > 0 ? value / referenceLevel : 0
        self.levelSource = levelSource
        self.levelDescription = levelDescription
        self.localLevelID = localLevelID
    }
}
