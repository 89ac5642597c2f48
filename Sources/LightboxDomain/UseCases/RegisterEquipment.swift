import Foundation

/// Adds an item of equipment to a room's register (DOMAIN.md "Rooms and equipment"), audited
/// ("equipment.registered"). Two items never share a station AE title, nor a maker's serial number.
public struct RegisterEquipment: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        public var description: String
        public var maker: String
        public var model: String
        public var serialNumber: String
        public var installedOn: CalendarDate?
        public var stationAETitle: String?

        public init(
            roomID: UUID, description: String, maker: String, model: String, serialNumber: String,
            installedOn: CalendarDate? = nil, stationAETitle: String? = nil
        ) {
            self.roomID = roomID
            self.description = description
            self.maker = maker
            self.model = model
            self.serialNumber = serialNumber
            self.installedOn = installedOn
            self.stationAETitle = stationAETitle
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<EquipmentItem> {
        try environment.policy.require(actor, .manageEquipment)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let room = try await unit.room(command.roomID)
            let item = EquipmentItem(
                id: id, roomID: room.id, description: command.description.trimmed, maker: command.maker.trimmed,
                model: command.model.trimmed, serialNumber: command.serialNumber.trimmed,
                installedOn: command.installedOn, stationAETitle: command.stationAETitle?.trimmed.nilIfEmpty)
            try await Self.check(item, today: CalendarDate(now, in: environment.configuration.timeZone), unit)
            try await unit.equipment.insert(item)
            try await unit.record(
                actor, "equipment.registered", patientID: nil, examID: nil, at: now,
                "\(room.name): \(item.description), \(item.maker) \(item.model) serial \(item.serialNumber)"
                    + (item.stationAETitle.map { ", AE title \($0)" } ?? ""))
            return Outcome(
                item, events: [DomainEvent(name: "equipment.registered", subjectID: id.uuidString, at: now)])
        }
    }

    /// Every problem with an item's details at once: empty fields, an installation date in the future, a bad or
    /// shared AE title, a serial number already registered for the same maker.
    static func check(_ item: EquipmentItem, today: CalendarDate, _ unit: any UnitOfWork) async throws {
        var problems: [FieldProblem] = []
        for (field, value) in [
            ("description", item.description), ("maker", item.maker), ("model", item.model),
            ("serialNumber", item.serialNumber),
        ] where value.isEmpty {
            problems.append(FieldProblem(field, "is empty"))
        }
        if let installed = item.installedOn, installed > today {
            problems.append(FieldProblem("installedOn", "\(installed) is in the future"))
        }
        if let decommissioned = item.decommissionedOn {
            if decommissioned > today {
                problems.append(FieldProblem("decommissionedOn", "\(decommissioned) is in the future"))
            }
            if let installed = item.installedOn, decommissioned < installed {
                problems.append(FieldProblem("decommissionedOn", "is before the installation date \(installed)"))
            }
        }
        let others = try await unit.equipment.list(roomID: nil).filter { $0.id != item.id }
        if let ae = item.stationAETitle {
            if let problem = Room.aeTitleProblem(ae) {
                problems.append(FieldProblem("stationAETitle", problem))
            } else if let other = others.first(where: { $0.stationAETitle == ae }) {
                problems.append(
                    FieldProblem(
                        "stationAETitle", "already used by \(other.description) (\(other.serialNumber))",
                        code: .duplicate))
            }
        }
        if !item.serialNumber.isEmpty,
            others.contains(where: {
                $0.serialNumber.lowercased() == item.serialNumber.lowercased()
                    && $0.maker.lowercased() == item.maker.lowercased()
            })
        {
            problems.append(
                FieldProblem(
                    "serialNumber", "\(item.maker) serial \(item.serialNumber) is already registered",
                    code: .duplicate))
        }
        guard problems.isEmpty else {
            throw DomainError.problems(
                problems, fallback: .validationFailed, message: "The equipment's details are incomplete or wrong.")
        }
    }
}
