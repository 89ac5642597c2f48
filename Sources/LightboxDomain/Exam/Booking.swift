import Foundation

/// An appointment: room and time.
public struct Booking: Sendable, Codable, Equatable {
    public var roomID: UUID
    public var scheduledAt: Date
    public var bookedBy: String
    public var bookedAt: Date
    /// The member of staff scheduled to perform the exam, when the desk names one (the worklist's
    /// Scheduled Performing Physician's Name).
    public var performingStaffID: UUID?

    public init(roomID: UUID, scheduledAt: Date, bookedBy: String, bookedAt: Date, performingStaffID: UUID? = nil) {
        self.roomID = roomID
        self.scheduledAt = scheduledAt
        self.bookedBy = bookedBy
        self.bookedAt = bookedAt
        self.performingStaffID = performingStaffID
    }
}
