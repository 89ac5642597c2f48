import Foundation

/// One change of a threshold: the value it takes from `effectiveFrom`, who made it and the medical physics expert
/// (a clinical scientist on the staff list) who signed it off (IR(ME)R 2017 reg. 14: the MPE advises on
/// dose-related matters). Changes are never edited or removed; together they are the threshold's history.
public struct ThresholdChange: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var value: ThresholdValue
    public var effectiveFrom: Date
    /// The staff member (a clinical scientist) who signed the change off.
    public var signedOffBy: UUID
    /// Their name as it was when they signed.
    public var signedOffByName: String
    /// The account that entered the change.
    public var changedBy: String
    public var reason: String
    public var recordedAt: Date

    public init(
        id: UUID, name: String, value: ThresholdValue, effectiveFrom: Date, signedOffBy: UUID,
        signedOffByName: String, changedBy: String, reason: String, recordedAt: Date
    ) {
        self.id = id
        self.name = name
        self.value = value
        self.effectiveFrom = effectiveFrom
        self.signedOffBy = signedOffBy
        self.signedOffByName = signedOffByName
        self.changedBy = changedBy
        self.reason = reason
        self.recordedAt = recordedAt
    }
}
