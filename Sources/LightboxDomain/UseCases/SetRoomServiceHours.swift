import Foundation

/// Sets a room's own service hours (the days and hours it takes booked work), or returns it to the department's
/// (`DepartmentConfiguration.serviceHours`, every day). Booking then follows them (`BookingRules`). Audited
/// ("room.service-hours-changed"); exams already booked keep their slots.
public struct SetRoomServiceHours: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        /// nil: the department's hours.
        public var serviceHours: ServiceHours?

        public init(roomID: UUID, serviceHours: ServiceHours?) {
            self.roomID = roomID
            self.serviceHours = serviceHours
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
            if let problems = command.serviceHours?.problems, !problems.isEmpty {
                throw DomainError(.validationFailed, "The service hours are not valid.", fields: problems)
            }
            let configuration = try await environment.configuration(at: now, in: unit)
            let department = ServiceHours.everyDay(configuration.serviceHours)
            let before = room.serviceHours ?? department
            room.serviceHours = command.serviceHours.map {
                ServiceHours(days: $0.days.sorted(), opens: $0.opens, closes: $0.closes)
            }
            try await unit.rooms.update(room)
            try await unit.record(
                actor, "room.service-hours-changed", patientID: nil, examID: nil, at: now,
                "\(room.name): \(before.description) → \((room.serviceHours ?? department).description)"
                    + (room.serviceHours == nil ? " (the department's hours)" : ""))
            return Outcome(
                room,
                events: [DomainEvent(name: "room.service-hours-changed", subjectID: room.id.uuidString, at: now)])
        }
    }
}
