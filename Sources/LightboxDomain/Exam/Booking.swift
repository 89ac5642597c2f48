import Foundation

/// An appointment: room and time.
public struct Booking: Sendable, Codable, Equatable {
    public var roomID: UUID
    public var scheduledAt: Date
    public var bookedBy: String
    public var bookedAt: Date
    /// The slot's length, from the catalogue when booked (nil in bookings made before slots were kept).
    public var slotMinutes: Int?

    public init(roomID: UUID, scheduledAt: Date, bookedBy: String, bookedAt: Date, slotMinutes: Int? = nil) {
        self.slotMinutes = slotMinutes
        self.roomID = roomID
        self.scheduledAt = scheduledAt
        self.bookedBy = bookedBy
        self.bookedAt = bookedAt
    }
}
