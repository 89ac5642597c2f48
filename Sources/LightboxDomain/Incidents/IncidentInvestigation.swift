import Foundation

/// The investigation of an incident: its owner, what they found, the actions agreed, and the closure.
public struct IncidentInvestigation: Sendable, Codable, Equatable {
    /// The member of staff who owns the investigation.
    public var ownerStaffID: UUID
    public var ownerName: String
    public var findings: String?
    /// The actions agreed to stop it happening again (who does what).
    public var actions: String?
    public var updatedAt: Date
    public var updatedBy: String
    /// What was concluded when it closed (learning shared, outcome).
    public var closure: String?
    public var closedAt: Date?
    public var closedBy: String?
    /// Why the referrer, practitioner or patient were not told, when the incident closed without every contact
    /// (no harm reached the patient, the patient declined …).
    public var candourNotNeededReason: String?

    public init(
        ownerStaffID: UUID, ownerName: String, findings: String? = nil, actions: String? = nil, updatedAt: Date,
        updatedBy: String, closure: String? = nil, closedAt: Date? = nil, closedBy: String? = nil,
        candourNotNeededReason: String? = nil
    ) {
        self.candourNotNeededReason = candourNotNeededReason
        self.ownerStaffID = ownerStaffID
        self.ownerName = ownerName
        self.findings = findings
        self.actions = actions
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.closure = closure
        self.closedAt = closedAt
        self.closedBy = closedBy
    }
}
