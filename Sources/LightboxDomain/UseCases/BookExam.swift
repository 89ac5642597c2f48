import Foundation

/// Books a justified exam into a room of the right modality that is taking patients, at a time in
/// the service hours that is not in the past and not on top of another booking in that room.
public struct BookExam: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var roomID: UUID
        public var scheduledAt: Date

        public init(examID: UUID, roomID: UUID, scheduledAt: Date) {
            self.examID = examID
            self.roomID = roomID
            self.scheduledAt = scheduledAt
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .book)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            if [.requested, .returnedForInformation, .rejected].contains(exam.state) {
                throw DomainError(
                    .notJustified,
                    "This request has not been justified (it is \(exam.state.label)); it cannot be booked until a "
                        + "practitioner justifies it or an operator authorises it.")
            }
            try ExamTransition.check(.book, exam)
            let room = try await unit.room(command.roomID)
            let entry = try await unit.catalogueEntry(exam.examCode)
            try RoomRules.requireSuitable(room, for: entry)
            let minutes = try await BookingRules(configuration: environment.configuration).check(
                exam: exam, entry: entry, room: room, start: command.scheduledAt, now: now, unit)
            exam.booking = Booking(
                roomID: room.id, scheduledAt: command.scheduledAt, bookedBy: actor.username, bookedAt: now,
                slotMinutes: minutes)
            let event = try ExamTransition.apply(.book, to: &exam, at: now, by: actor, roomID: room.id)
            try await unit.save(
                exam, events: [event], actor: actor, at: now,
                detail: "Booked into \(room.name) for \(command.scheduledAt.formatted(.iso8601))")
            return Outcome(exam, events: [event])
        }
    }
}
