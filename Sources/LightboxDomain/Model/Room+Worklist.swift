import Foundation

extension Room {
    /// A suspended room takes no bookings and its modality worklist is withdrawn (DOMAIN.md "Rooms").
    public var hasWorklist: Bool { status != .suspended }
}
