import Foundation

/// The physicist's (clinical scientist's, the MPE's) decision on a case: the proposal confirmed, or overridden with a
/// reason (IR(ME)R 2017 reg. 8(4), reg. 14(2)(e): the MPE contributes to the analysis of events).
public struct SAUEReview: Sendable, Codable, Equatable {
    public enum Decision: String, Sendable, Codable, CaseIterable {
        /// The classifier's proposal stands.
        case confirmed
        /// The physicist decided otherwise, with a reason.
        case overridden

        public var label: String {
            switch self {
            case .confirmed: "Confirmed"
            case .overridden: "Overridden"
            }
        }
    }

    public var decision: Decision
    /// Whether the incident is to be notified, as decided.
    public var notifiable: Bool
    /// The category decided, when notifiable.
    public var criterion: SAUECriterion?
    /// Why (required to override; a comment when confirming).
    public var reason: String?
    public var reviewedBy: UUID
    /// Their name as it was when they decided.
    public var reviewedByName: String
    public var reviewedAt: Date

    public init(
        decision: Decision, notifiable: Bool, criterion: SAUECriterion?, reason: String?, reviewedBy: UUID,
        reviewedByName: String, reviewedAt: Date
    ) {
        self.decision = decision
        self.notifiable = notifiable
        self.criterion = criterion
        self.reason = reason
        self.reviewedBy = reviewedBy
        self.reviewedByName = reviewedByName
        self.reviewedAt = reviewedAt
    }
}
