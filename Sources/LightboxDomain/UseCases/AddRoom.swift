import Foundation

/// Adds a room, scanner or mobile unit (in use on creation).
public struct AddRoom: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var name: String
        public var modality: Modality
        public var isMobile: Bool
        public var aeTitle: String?

        public init(name: String, modality: Modality, isMobile: Bool = false, aeTitle: String? = nil) {
            self.name = name
            self.modality = modality
            self.isMobile = isMobile
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
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            var problems: [FieldProblem] = []
            let name = command.name.trimmed
            if name.isEmpty { problems.append(FieldProblem("name", "is empty")) }
            if let ae = command.aeTitle, let problem = Room.aeTitleProblem(ae) {
                problems.append(FieldProblem("aeTitle", problem))
            } else if let ae = command.aeTitle?.trimmed,
                let other = try await unit.rooms.list().first(where: { $0.aeTitle?.trimmed == ae })
            {
                problems.append(FieldProblem("aeTitle", "already used by \(other.name)", code: .duplicate))
            }
            if try await unit.rooms.list().contains(where: { $0.name.lowercased() == name.lowercased() }) {
                problems.append(FieldProblem("name", "a room called \(name) already exists", code: .duplicate))
            }
            guard problems.isEmpty else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The room's details are incomplete.")
            }
            let room = Room(
                id: id, name: name, modality: command.modality, isMobile: command.isMobile,
                aeTitle: command.aeTitle?.trimmed)
            try await unit.rooms.insert(room)
            try await unit.record(
                actor, "room.added", patientID: nil, examID: nil, at: now,
                "Added \(name) (\(command.modality.rawValue))")
            return Outcome(room, events: [DomainEvent(name: "room.added", subjectID: id.uuidString, at: now)])
        }
    }
}
