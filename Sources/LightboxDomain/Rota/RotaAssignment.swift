import Foundation

/// One member of staff covering one room for one session of one day (DOMAIN.md "Service hours … rota of who covers
/// each room"). An operator's entitlement was checked when they were put on the rota; one that needs supervision is
/// marked so, for whoever plans the session's supervisor.
public struct RotaAssignment: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var roomID: UUID
    public var roomName: String
    public var day: CalendarDate
    public var session: RotaSession
    public var staffID: UUID
    public var staffName: String
    public var role: RotaRole
    /// The operator's entitlement needs a named supervisor.
    public var supervised: Bool
    public var note: String?
    public var assignedBy: String
    public var assignedAt: Date

    public init(
        id: UUID, roomID: UUID, roomName: String, day: CalendarDate, session: RotaSession, staffID: UUID,
        staffName: String, role: RotaRole, supervised: Bool, note: String?, assignedBy: String, assignedAt: Date
    ) {
        self.id = id
        self.roomID = roomID
        self.roomName = roomName
        self.day = day
        self.session = session
        self.staffID = staffID
        self.staffName = staffName
        self.role = role
        self.supervised = supervised
        self.note = note
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
    }
}
