import Foundation

/// One entitlement: a person may perform a duty for the exams in a scope, from a start to an expiry,
/// on the strength of recorded training evidence. Checked at the moment of acting, never at sign-in.
public struct Entitlement: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var staffID: UUID
    public var duty: Duty
    public var scope: ExamScope
    public var starts: Date
    public var expires: Date?
    /// The holder may act only with a supervising radiographer recorded.
    public var supervisionRequired: Bool
    public var trainingEvidence: String
    public var grantedBy: String
    public var grantedAt: Date
    public var revokedAt: Date?
    public var revokedBy: String?
    public var revocationReason: String?
    /// The recorded competency the entitlement was granted on (its lapse removes the entitlement).
    public var competencyID: UUID?

    public init(
        id: UUID, staffID: UUID, duty: Duty, scope: ExamScope, starts: Date, expires: Date?,
        supervisionRequired: Bool = false, trainingEvidence: String, grantedBy: String, grantedAt: Date,
        revokedAt: Date? = nil, revokedBy: String? = nil, revocationReason: String? = nil,
        competencyID: UUID? = nil
    ) {
        self.competencyID = competencyID
        self.id = id
        self.staffID = staffID
        self.duty = duty
        self.scope = scope
        self.starts = starts
        self.expires = expires
        self.supervisionRequired = supervisionRequired
        self.trainingEvidence = trainingEvidence
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
        self.revocationReason = revocationReason
    }

    /// In force at `moment`: started, not expired (the expiry instant itself is outside), not revoked.
    public func isInForce(at moment: Date) -> Bool {
        starts <= moment && (expires.map { moment < $0 } ?? true) && (revokedAt.map { moment < $0 } ?? true)
    }
}
