import Foundation

/// Changes an item of the equipment register: moves it to another room, corrects its details, sets its station
/// AE title or records its decommissioning. Audited ("equipment.updated") with what changed.
public struct UpdateEquipment: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var equipmentID: UUID
        public var roomID: UUID
        public var description: String
        public var maker: String
        public var model: String
        public var serialNumber: String
        public var installedOn: CalendarDate?
        public var stationAETitle: String?
        public var decommissionedOn: CalendarDate?

        public init(
            equipmentID: UUID, roomID: UUID, description: String, maker: String, model: String,
            serialNumber: String, installedOn: CalendarDate? = nil, stationAETitle: String? = nil,
            decommissionedOn: CalendarDate? = nil
        ) {
            self.equipmentID = equipmentID
            self.roomID = roomID
            self.description = description
            self.maker = maker
            self.model = model
            self.serialNumber = serialNumber
            self.installedOn = installedOn
            self.stationAETitle = stationAETitle
            self.decommissionedOn = decommissionedOn
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<EquipmentItem> {
        try environment.policy.require(actor, .manageEquipment)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard let before = try await unit.equipment.get(command.equipmentID) else {
                throw DomainError.notFound("equipment item", command.equipmentID)
            }
            let room = try await unit.room(command.roomID)
            var item = before
            item.roomID = room.id
            item.description = command.description.trimmed
            item.maker = command.maker.trimmed
            item.model = command.model.trimmed
            item.serialNumber = command.serialNumber.trimmed
            item.installedOn = command.installedOn
            item.stationAETitle = command.stationAETitle?.trimmed.nilIfEmpty
            item.decommissionedOn = command.decommissionedOn
            try await RegisterEquipment.check(
                item, today: CalendarDate(now, in: environment.configuration.timeZone), unit)
            try await unit.equipment.update(item)
            var changes: [String] = []
            if before.roomID != item.roomID { changes.append("moved to \(room.name)") }
            if before.stationAETitle != item.stationAETitle {
                changes.append("AE title \(before.stationAETitle ?? "none") → \(item.stationAETitle ?? "none")")
            }
            if before.decommissionedOn != item.decommissionedOn {
                changes.append("decommissioned \(item.decommissionedOn.map { "\($0)" } ?? "no")")
            }
            if before.description != item.description || before.maker != item.maker || before.model != item.model
                || before.serialNumber != item.serialNumber || before.installedOn != item.installedOn
            {
                changes.append("details corrected")
            }
            try await unit.record(
                actor, "equipment.updated", patientID: nil, examID: nil, at: now,
                "\(item.description) (\(item.maker) \(item.serialNumber)): "
                    + (changes.isEmpty ? "no change" : changes.joined(separator: "; ")))
            return Outcome(
                item, events: [DomainEvent(name: "equipment.updated", subjectID: item.id.uuidString, at: now)])
        }
    }
}
