import Foundation

/// An appointment: room and time.
public struct Booking: Sendable, Codable, Equatable {
    public var roomID: UUID
    public var scheduledAt: Date
    public var bookedBy: String
    public var bookedAt: Date
    /// The slot's length, from the catalogue when booked (nil in bookings made before slots were kept).
    public var slotMinutes: Int?
    /// The member of staff scheduled to perform the exam, when the desk names one (the worklist's
    /// Scheduled Performing Physician's Name).
    public var performingStaffID: UUID?

    public init(
        roomID: UUID, scheduledAt: Date, bookedBy: String, bookedAt: Date, performingStaffID: UUID? = nil,
        slotMinutes: Int? = nil
    ) {
        self.slotMinutes = slotMinutes
        self.roomID = roomID
        self.scheduledAt = scheduledAt
        self.bookedBy = bookedBy
        self.bookedAt = bookedAt
        self.performingStaffID = performingStaffID
    }
}
