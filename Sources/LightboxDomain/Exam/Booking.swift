import Foundation

/// An appointment: room and time.
public struct Booking: Sendable, Codable, Equatable {
    public var roomID: UUID
    public var scheduledAt: Date
    public var bookedBy: String
    public var bookedAt: Date

    public init(roomID: UUID, scheduledAt: Date, bookedBy: String, bookedAt: Date) {
        self.roomID = roomID
        self.scheduledAt = scheduledAt
        self.bookedBy = bookedBy
        self.bookedAt = bookedAt
    }
}
