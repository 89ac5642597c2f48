import Foundation

/// Sets (or clears) the DICOM AE title of the modality in a room: its worklist is the one asked for
/// with this Scheduled Station AE Title, and its MPPS reports name the room. Two rooms never share one.
public struct SetRoomAETitle: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        /// PS3.5 §6.2 AE: 1 to 16 characters of the default repertoire, no backslash; nil clears it.
        public var aeTitle: String?

        public init(roomID: UUID, aeTitle: String?) {
            self.roomID = roomID
            self.aeTitle = aeTitle
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
            let aeTitle = command.aeTitle?.trimmed
            if let aeTitle, let problem = Room.aeTitleProblem(aeTitle) {
                throw DomainError(
                    .validationFailed, "The AE title is not valid.", fields: [FieldProblem("aeTitle", problem)])
            }
            if let aeTitle,
                let other = try await unit.rooms.list().first(where: {
                    $0.id != room.id && $0.aeTitle?.trimmed == aeTitle
                })
            {
                throw DomainError(
                    .duplicate, "\(other.name) already has the AE title \(aeTitle).",
                    fields: [FieldProblem("aeTitle", "already used by \(other.name)", code: .duplicate)])
            }
            let before = room.aeTitle
            room.aeTitle = aeTitle
            try await unit.rooms.update(room)
            try await unit.record(
                actor, "room.ae-title-changed", patientID: nil, examID: nil, at: now,
                "\(room.name): AE title \(before ?? "none") → \(aeTitle ?? "none")")
            return Outcome(
                room, events: [DomainEvent(name: "room.ae-title-changed", subjectID: room.id.uuidString, at: now)])
        }
    }
}
