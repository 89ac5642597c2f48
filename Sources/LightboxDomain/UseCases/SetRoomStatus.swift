import Foundation

/// Puts a room in use, restricts it to some exams, or suspends it (a suspended room takes no bookings
/// and its worklist is withdrawn). Restricting or suspending needs a reason.
public struct SetRoomStatus: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        public var status: RoomStatus
        public var reason: String?
        /// While restricted, the exams the room still takes.
        public var restrictedTo: [ExamScope]

        public init(roomID: UUID, status: RoomStatus, reason: String? = nil, restrictedTo: [ExamScope] = []) {
            self.roomID = roomID
            self.status = status
            self.reason = reason
            self.restrictedTo = restrictedTo
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Room> {
        try environment.policy.require(actor, .manageRooms)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var room = try await unit.room(command.roomID)
            var problems: [FieldProblem] = []
            let reason = command.reason?.trimmed ?? ""
            if command.status != .inUse && reason.isEmpty {
                problems.append(FieldProblem("reason", "say why the room is \(command.status.rawValue)"))
            }
            if command.status == .restricted && command.restrictedTo.isEmpty {
                problems.append(FieldProblem("restrictedTo", "say which exams the restricted room can still take"))
            }
            if command.restrictedTo.contains(where: \.isEmpty) {
                problems.append(FieldProblem("restrictedTo", "each entry needs a modality, exam code or body region"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The room status change is incomplete.", fields: problems)
            }
            if let hold = room.qaSuspension, command.status != .suspended {
                // DOMAIN.md "Equipment QA": the room stays suspended until a pass is recorded.
                throw DomainError(
                    .roomSuspended,
                    "\(room.name) is suspended by QA (\(hold.testCodes.joined(separator: ", ")) at suspension level) "
                        + "until a pass of each is recorded.",
                    fields: [FieldProblem("status", "a QA pass must be recorded first", code: .roomSuspended)])
            }
            if command.status == .suspended, var hold = room.qaSuspension {
                // A manager's own suspension outlasts the QA hold: the pass then leaves the room suspended.
                hold.suspendedRoom = false
                room.qaSuspension = hold
            }
            let before = room.status
            room.status = command.status
            room.statusReason = reason.isEmpty ? nil : reason
            room.restrictedTo = command.status == .restricted ? command.restrictedTo : []
            try await unit.rooms.update(room)
            var detail =
                "\(room.name): \(before.rawValue) → \(room.status.rawValue)" + (reason.isEmpty ? "" : " (\(reason))")
            if !room.hasWorklist {
                // Nothing to move: the worklist reads the room's status, so its exams left it with this change
                // and the re-book list shows them. The audit says how many.
                let waiting = try await unit.exams.list(
                    ExamQuery(states: [.booked, .arrived, .checked], roomID: room.id, limit: ListExams.maximumLimit))
                detail += "; \(waiting.count) booked exams withdrawn from the worklist, to re-book"
            }
            try await unit.record(actor, "room.status-changed", patientID: nil, examID: nil, at: now, detail)
            return Outcome(
                room, events: [DomainEvent(name: "room.status-changed", subjectID: room.id.uuidString, at: now)])
        }
    }
}
