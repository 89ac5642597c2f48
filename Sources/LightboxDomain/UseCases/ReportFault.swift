import Foundation

/// Reports an equipment fault against a room (and one of its items), to be sent to engineering and tracked to
/// closure (DOMAIN.md "Faults"). Audited ("fault.reported"). Whether the room can still be used is the reporter's
/// word: a fault that stops it counts downtime from now until closure (suspending the room stays the manager's
/// decision, through `SetRoomStatus`).
public struct ReportFault: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        public var equipmentID: UUID?
        public var description: String
        public var roomOutOfUse: Bool

        public init(roomID: UUID, equipmentID: UUID? = nil, description: String, roomOutOfUse: Bool = false) {
            self.roomID = roomID
            self.equipmentID = equipmentID
            self.description = description
            self.roomOutOfUse = roomOutOfUse
        }
    }

    /// The longest fault description.
    public static let maximumDescriptionLength = 4000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Fault> {
        try environment.policy.require(actor, .reportFault)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let room = try await unit.room(command.roomID)
            var problems: [FieldProblem] = []
            let description = command.description.trimmed
            if description.isEmpty { problems.append(FieldProblem("description", "say what is wrong")) }
            if description.count > Self.maximumDescriptionLength {
                problems.append(
                    FieldProblem("description", "is longer than \(Self.maximumDescriptionLength) characters"))
            }
            var itemText = ""
            if let equipmentID = command.equipmentID {
                let item = try await unit.equipment.get(equipmentID)
                if let item, item.roomID == room.id {
                    itemText = " (\(item.description), \(item.maker) \(item.serialNumber))"
                } else {
                    problems.append(
                        FieldProblem(
                            "equipmentID",
                            item == nil ? "no such item in the equipment register" : "not in \(room.name)"))
                }
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The fault report is incomplete.", fields: problems)
            }
            let fault = Fault(
                id: id, roomID: room.id, equipmentID: command.equipmentID, description: description,
                roomOutOfUse: command.roomOutOfUse, reportedAt: now, reportedBy: actor.username)
            try await unit.faults.insert(fault)
            try await unit.record(
                actor, "fault.reported", patientID: nil, examID: nil, at: now,
                "\(room.name)\(itemText): \(description)" + (fault.roomOutOfUse ? " [room out of use]" : ""))
            return Outcome(fault, events: [DomainEvent(name: "fault.reported", subjectID: id.uuidString, at: now)])
        }
    }
}
