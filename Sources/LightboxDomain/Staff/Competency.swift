import Foundation

/// An assessed competence to do a duty for a scope of exams: the evidence an entitlement is granted on.
/// When it lapses, the entitlements granted on it (or, for entitlements granted before competencies were
/// recorded, those with its duty and scope) are removed.
public struct Competency: StaffRecord {
    public static let kind = "competency"
    public var id: UUID
    public var staffID: UUID
    public var duty: Duty
    public var scope: ExamScope
    /// The member of staff who assessed it.
    public var assessorID: UUID
    public var assessorName: String
    public var assessedOn: Date
    public var expires: Date?
    public var evidence: String
    public var recordedBy: String
    public var recordedAt: Date
    public var lapsedAt: Date?

    public init(
        id: UUID, staffID: UUID, duty: Duty, scope: ExamScope, assessorID: UUID, assessorName: String,
        assessedOn: Date, expires: Date?, evidence: String, recordedBy: String, recordedAt: Date,
        lapsedAt: Date? = nil
    ) {
        self.id = id
        self.staffID = staffID
        self.duty = duty
        self.scope = scope
        self.assessorID = assessorID
        self.assessorName = assessorName
        self.assessedOn = assessedOn
        self.expires = expires
        self.evidence = evidence
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.lapsedAt = lapsedAt
    }

    public var pendingExpiry: Date? { lapsedAt == nil ? expires : nil }

    public func isCurrent(at moment: Date) -> Bool {
        lapsedAt == nil && assessedOn <= moment && (expires.map { moment < $0 } ?? true)
    }

    /// The entitlement rests on this competency.
    public func underpins(_ entitlement: Entitlement) -> Bool {
        guard entitlement.staffID == staffID else { return false }
        if let competencyID = entitlement.competencyID { return competencyID == id }
        return entitlement.duty == duty && entitlement.scope == scope
    }

    public var listedAt: Date { assessedOn }
}
