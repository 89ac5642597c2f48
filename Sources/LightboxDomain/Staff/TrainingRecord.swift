import Foundation

/// Completion of one mandatory training course, valid until its expiry.
public struct TrainingRecord: StaffRecord {
    public static let kind = "training"
    public var id: UUID
    public var staffID: UUID
    public var course: MandatoryTraining
    public var completedOn: Date
    public var expires: Date?
    /// The certificate or course reference.
    public var evidence: String
    public var recordedBy: String
    public var recordedAt: Date
    /// When the expiry job applied the lapse (entitlements removed, notices sent).
    public var lapsedAt: Date?

    public init(
        id: UUID, staffID: UUID, course: MandatoryTraining, completedOn: Date, expires: Date?, evidence: String,
        recordedBy: String, recordedAt: Date, lapsedAt: Date? = nil
    ) {
        self.id = id
        self.staffID = staffID
        self.course = course
        self.completedOn = completedOn
        self.expires = expires
        self.evidence = evidence
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.lapsedAt = lapsedAt
    }

    public var pendingExpiry: Date? { lapsedAt == nil ? expires : nil }

    /// In date at `moment`.
    public func isCurrent(at moment: Date) -> Bool { completedOn <= moment && (expires.map { moment < $0 } ?? true) }

    public var listedAt: Date { completedOn }
}
