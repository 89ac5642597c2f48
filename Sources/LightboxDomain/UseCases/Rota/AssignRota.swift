import Foundation

/// Puts a member of staff on the rota for a room, a day and a session, at the session's configured clock times
/// (`DepartmentConfiguration.rotaSessionTimes`). An operator must hold, throughout the session, an entitlement to
/// operate on the room's modality (and a professional registration in force where their profession is regulated);
/// one who needs supervision is marked so. Nobody is on the rota at overlapping times (in two rooms, or twice), and a
/// past day's rota is a record, not changed. Audited (`rota.assigned`).
public struct AssignRota: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        public var day: CalendarDate
        public var session: RotaSession
        public var staffID: UUID
        public var role: RotaRole
        public var note: String?

        public init(
            roomID: UUID, day: CalendarDate, session: RotaSession, staffID: UUID, role: RotaRole, note: String? = nil
        ) {
            self.roomID = roomID
            self.day = day
            self.session = session
            self.staffID = staffID
            self.role = role
            self.note = note
        }
    }

    /// The most days one read of the rota covers.
    public static let maximumDays = 62
    /// The longest note.
    public static let maximumNoteLength = 500

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<RotaAssignment> {
        try environment.policy.require(actor, .manageRota)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let zone = configuration.timeZone
            let today = CalendarDate(now, in: zone)
            var problems: [FieldProblem] = []
            if command.day < today { problems.append(FieldProblem("day", "is in the past; its rota is a record")) }
            guard let room = try await unit.rooms.get(command.roomID) else {
                throw DomainError(
                    .validationFailed, "The room was not found.",
                    fields: [FieldProblem("roomID", "no room has this id")])
            }
            guard let member = try await unit.staff.get(command.staffID) else {
                throw DomainError(
                    .validationFailed, "The member of staff was not found.",
                    fields: [FieldProblem("staffID", "no member of staff has this id")])
            }
            let note = command.note?.trimmed.nilIfEmpty
            if let note, note.count > Self.maximumNoteLength {
                problems.append(FieldProblem("note", "must be at most \(Self.maximumNoteLength) characters"))
            }
            let times = configuration.rotaSessionTimes[command.session]
            let session = times.interval(on: command.day, in: zone)
            let sessionStart = session.start
            // The session's last second: an entitlement or registration must still be in force then.
            let sessionEnd = session.end.addingTimeInterval(-1)
            var supervised = false
            if !member.active {
                problems.append(FieldProblem("staffID", "\(member.displayName) is no longer active"))
            } else if command.role == .operator {
                if member.profession.isRegulated,
                    member.registration.map({ $0.expires <= sessionEnd }) ?? true
                {
                    problems.append(
                        FieldProblem(
                            "staffID",
                            "\(member.displayName) has no professional registration in force throughout "
                                + "\(command.day.iso) \(command.session.label.lowercased()) (\(times.text))",
                            code: member.registration == nil ? .registrationMissing : .registrationExpired))
                } else {
                    var inForce: [Entitlement] = []
                    for entitlement in try await unit.entitlements.list(staffID: member.id)
                    where entitlement.duty == .operate && entitlement.isInForce(at: sessionStart)
                        && entitlement.isInForce(at: sessionEnd)
                    {
                        if try await Self.scope(entitlement.scope, reaches: room.modality, in: unit) {
                            inForce.append(entitlement)
                        }
                    }
                    if inForce.isEmpty {
                        problems.append(
                            FieldProblem(
                                "staffID",
                                "\(member.displayName) holds no entitlement to operate \(room.modality.rawValue) "
                                    + "throughout \(command.day.iso) \(command.session.label.lowercased()) "
                                    + "(\(times.text))",
                                code: .entitlementMissing))
                    } else {
                        supervised = inForce.allSatisfy(\.supervisionRequired)
                    }
                }
            }
            // A night session reaches into the next day, and the day before's into this one.
            let overlapping = try await unit.rota.list(
                from: command.day.adding(days: -1), to: command.day.adding(days: 1), roomID: nil, staffID: member.id,
                limit: 200
            ).filter { other in
                let theirs = other.interval(in: zone)
                return theirs.start < session.end && session.start < theirs.end
            }
            if let other = overlapping.first {
                problems.append(
                    FieldProblem(
                        "staffID",
                        "\(member.displayName) already covers \(other.roomName) at overlapping times "
                            + "(\(other.day.iso) \(other.session.label.lowercased()), \(other.times.text))"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The rota cannot take this.", fields: problems)
            }
            let assignment = RotaAssignment(
                id: id, roomID: room.id, roomName: room.name, day: command.day, session: command.session,
                staffID: member.id, staffName: member.displayName, role: command.role, supervised: supervised,
                note: note, assignedBy: actor.username, assignedAt: now, times: times)
            try await unit.rota.insert(assignment)
            try await unit.record(
                actor, "rota.assigned", patientID: nil, examID: nil, at: now,
                "\(member.displayName) covers \(room.name), \(command.day.iso) \(command.session.label.lowercased()) "
                    + "(\(times.text)) "
                    + "as \(command.role.label.lowercased())" + (supervised ? " (supervised)" : ""))
            return Outcome(assignment, events: [DomainEvent(name: "rota.assigned", subjectID: id.uuidString, at: now)])
        }
    }

    /// Whether an entitlement's scope reaches exams on `modality`: a scope of that modality (or of none), or of an
    /// exam code or body region whose catalogue entries include one on it.
    static func scope(_ scope: ExamScope, reaches modality: Modality, in unit: any UnitOfWork) async throws -> Bool {
        if let scoped = scope.modality { return scoped == modality }
        if scope.examCode == nil && scope.bodyRegion == nil { return true }
        return try await unit.catalogue.list().contains { $0.modality == modality && scope.covers($0) }
    }
}
