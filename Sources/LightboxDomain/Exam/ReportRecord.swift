import Foundation

/// The clinical evaluation: the report, who wrote it, and who verified it.
public struct ReportRecord: Sendable, Codable, Equatable {
    public var text: String
    public var alert: FindingAlert?
    public var reportedBy: UUID
    public var reportedAt: Date
    /// The reporter's entitlement required supervision: someone else must verify.
    public var needsIndependentVerification: Bool
    public var verifiedBy: UUID?
    public var verifiedAt: Date?
    /// Who of the referrer's team acknowledged the alert (account user name), and when.
    public var alertAcknowledgedBy: String?
    public var alertAcknowledgedAt: Date?
    /// The highest escalation recorded for an unacknowledged alert (each one audited once).
    public var alertEscalationLevel: Int?

    public init(
        text: String, alert: FindingAlert?, reportedBy: UUID, reportedAt: Date, needsIndependentVerification: Bool,
        verifiedBy: UUID? = nil, verifiedAt: Date? = nil
    ) {
        self.text = text
        self.alert = alert
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
        self.needsIndependentVerification = needsIndependentVerification
        self.verifiedBy = verifiedBy
        self.verifiedAt = verifiedAt
    }
}
