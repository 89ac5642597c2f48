import Foundation

/// Whether a room takes patients. A restricted room takes only the exams listed on it
/// (for example a room whose table is out of action taking only erect and extremity work);
/// a suspended room takes no bookings and its worklist is withdrawn.
public enum RoomStatus: String, Sendable, Codable, CaseIterable {
    case inUse, restricted, suspended
}
