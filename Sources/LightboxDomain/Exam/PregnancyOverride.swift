import Foundation

/// A practitioner's decision to go ahead although pregnancy could not be excluded (or the 10-day
/// rule is not met), countersigned by a registered doctor known to Lightbox.
public struct PregnancyOverride: Sendable, Codable, Equatable {
    /// The practitioner (entitled to justify this exam) taking responsibility.
    public var practitionerStaffID: UUID?
    /// The countersigning doctor: a radiologist on the staff list or a medical referrer (their id).
    public var countersigningDoctorID: UUID?
    /// The countersigning doctor's name and registration number, written by Lightbox from their
    /// record when the override is accepted (never taken as typed).
    public var countersignedBy: String?
    public var reason: String?

    public init(
        practitionerStaffID: UUID?, countersigningDoctorID: UUID?, reason: String?, countersignedBy: String? = nil
    ) {
        self.practitionerStaffID = practitionerStaffID
        self.countersigningDoctorID = countersigningDoctorID
        self.countersignedBy = countersignedBy
        self.reason = reason
    }
}
