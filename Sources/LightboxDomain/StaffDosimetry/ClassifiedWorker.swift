import Foundation

/// A worker's classification (IRR17 reg. 21: a worker likely to receive more than 6 mSv a year whole body, or more
/// than 15 mSv to the lens of the eye or 150 mSv to the skin or extremities, is designated classified and has
/// approved dosimetry and medical surveillance). The latest change for a member of staff is in force.
public struct ClassifiedWorker: Sendable, Codable, Equatable {
    public var staffID: UUID
    public var staffName: String
    public var classified: Bool
    public var from: CalendarDate
    public var reason: String
    public var changedBy: String
    public var changedAt: Date

    public init(
        staffID: UUID, staffName: String, classified: Bool, from: CalendarDate, reason: String, changedBy: String,
        changedAt: Date
    ) {
        self.staffID = staffID
        self.staffName = staffName
        self.classified = classified
        self.from = from
        self.reason = reason
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}
