import Foundation

/// A practitioner's decision to go ahead although pregnancy could not be excluded (or the 10-day
/// rule is not met), countersigned by a doctor.
public struct PregnancyOverride: Sendable, Codable, Equatable {
    /// The practitioner (entitled to justify this exam) taking responsibility.
    public var practitionerStaffID: UUID?
    /// The countersigning doctor's name and GMC number.
    public var countersignedBy: String?
    public var reason: String?

    public init(practitionerStaffID: UUID?, countersignedBy: String?, reason: String?) {
        self.practitionerStaffID = practitionerStaffID
        self.countersignedBy = countersignedBy
        self.reason = reason
    }
}
