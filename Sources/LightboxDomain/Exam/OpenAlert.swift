import Foundation

/// One alert still waiting for someone: out-of-range observations for the supervising
/// radiographer, or a verified report's alert for the referrer's team, with when it escalates.
public struct OpenAlert: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case vitalSigns, reportAlert
    }

    public var kind: Kind
    public var examID: UUID
    public var patientID: UUID
    public var accessionNumber: String
    public var examName: String
    /// The vital signs alert's id (for its acknowledgement), or nil for a report alert.
    public var alertID: UUID?
    /// The report's category, for a report alert.
    public var category: FindingAlert?
    /// Urgent observations, or a critical or urgent report.
    public var urgent: Bool
    public var summary: String
    public var raisedAt: Date
    /// Who must act: the supervising radiographer (staff id), for observations.
    public var addressedTo: UUID?
    /// The referrer whose team must acknowledge, for a report alert.
    public var referrerID: UUID?
    /// When a report alert escalates next.
    public var escalatesAt: Date?
    /// How many escalation periods have passed without acknowledgement.
    public var escalationLevel: Int

    public init(
        kind: Kind, examID: UUID, patientID: UUID, accessionNumber: String, examName: String, alertID: UUID?,
        category: FindingAlert?, urgent: Bool, summary: String, raisedAt: Date, addressedTo: UUID?,
        referrerID: UUID?, escalatesAt: Date?, escalationLevel: Int
    ) {
        self.kind = kind
        self.examID = examID
        self.patientID = patientID
        self.accessionNumber = accessionNumber
        self.examName = examName
        self.alertID = alertID
        self.category = category
        self.urgent = urgent
        self.summary = summary
        self.raisedAt = raisedAt
        self.addressedTo = addressedTo
        self.referrerID = referrerID
        self.escalatesAt = escalatesAt
        self.escalationLevel = escalationLevel
    }
}
