import Foundation

/// A record kept about one member of staff (training, competency, supervised practice, CPD, appraisal, notice),
/// stored by kind. `pendingExpiry` is the moment it lapses while its lapse has not yet been applied (the
/// scheduled expiry job looks records up by it).
public protocol StaffRecord: Sendable, Codable, Equatable, Identifiable where ID == UUID {
    /// Stable name of the kind of record, used by the store.
    static var kind: String { get }
    var id: UUID { get }
    /// The member of staff the record is about.
    var staffID: UUID { get }
    var pendingExpiry: Date? { get }
    /// The date lists are ordered by (newest first).
    var listedAt: Date { get }
}

extension StaffRecord {
    public var pendingExpiry: Date? { nil }
}
