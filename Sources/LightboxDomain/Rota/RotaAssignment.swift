import Foundation

/// One member of staff covering one room for one session of one day (DOMAIN.md "Service hours … rota of who covers
/// each room"). An operator's entitlement was checked when they were put on the rota; one that needs supervision is
/// marked so, for whoever plans the session's supervisor. The session's clock times are kept as they were configured
/// when the assignment was made, so the rota stays a record when a department changes its sessions later.
public struct RotaAssignment: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var roomID: UUID
    public var roomName: String
    public var day: CalendarDate
    public var session: RotaSession
    /// The session's clock times on `day` (`DepartmentConfiguration.rotaSessionTimes` when assigned).
    public var times: RotaSessionTimes.Span
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
        staffName: String, role: RotaRole, supervised: Bool, note: String?, assignedBy: String, assignedAt: Date,
        times: RotaSessionTimes.Span? = nil
    ) {
        self.id = id
        self.roomID = roomID
        self.roomName = roomName
        self.day = day
        self.session = session
        self.times = times ?? RotaSessionTimes()[session]
        self.staffID = staffID
        self.staffName = staffName
        self.role = role
        self.supervised = supervised
        self.note = note
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
    }

    /// When the session runs, in the department's time zone.
    public func interval(in zone: TimeZone) -> DateInterval {
        times.interval(on: day, in: zone)
    }

    enum CodingKeys: String, CodingKey {
        case id, roomID, roomName, day, session, times, staffID, staffName, role, supervised, note, assignedBy
        case assignedAt
    }

    /// Assignments stored before sessions had clock times read with the default times of their session.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        roomID = try c.decode(UUID.self, forKey: .roomID)
        roomName = try c.decode(String.self, forKey: .roomName)
        day = try c.decode(CalendarDate.self, forKey: .day)
        session = try c.decode(RotaSession.self, forKey: .session)
        times = try c.decodeIfPresent(RotaSessionTimes.Span.self, forKey: .times) ?? RotaSessionTimes()[session]
        staffID = try c.decode(UUID.self, forKey: .staffID)
        staffName = try c.decode(String.self, forKey: .staffName)
        role = try c.decode(RotaRole.self, forKey: .role)
        supervised = try c.decode(Bool.self, forKey: .supervised)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        assignedBy = try c.decode(String.self, forKey: .assignedBy)
        assignedAt = try c.decode(Date.self, forKey: .assignedAt)
    }
}
