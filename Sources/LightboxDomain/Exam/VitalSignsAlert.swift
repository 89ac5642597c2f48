import Foundation

/// An out-of-range set of observations, addressed to the supervising radiographer and open until
/// one of them (or a radiologist) acknowledges it.
public struct VitalSignsAlert: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    /// What was out of range, in words ("pulse 124/min (normal 51-90)").
    public var findings: [String]
    /// The NEWS2 aggregate score of the observations given.
    public var news2Score: Int
    /// NEWS2 total at or above the urgent threshold, or one parameter scoring 3: urgent response.
    public var urgent: Bool
    /// The supervising radiographer of the exam, when one is recorded.
    public var addressedTo: UUID?
    public var raisedAt: Date
    public var acknowledgedBy: UUID?
    public var acknowledgedAt: Date?

    public init(
        id: UUID, findings: [String], news2Score: Int, urgent: Bool, addressedTo: UUID?, raisedAt: Date,
        acknowledgedBy: UUID? = nil, acknowledgedAt: Date? = nil
    ) {
        self.id = id
        self.findings = findings
        self.news2Score = news2Score
        self.urgent = urgent
        self.addressedTo = addressedTo
        self.raisedAt = raisedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
    }

    public var isOpen: Bool { acknowledgedAt == nil }
}
