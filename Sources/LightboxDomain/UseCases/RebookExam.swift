import Foundation

/// Moves an exam that has not started to another time or room (also after did-not-attend), with a
/// reason. Arrival and Pause and Check are cleared: they are done again on the day.
public struct RebookExam: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var roomID: UUID
        public var scheduledAt: Date
        public var reason: String

        public init(examID: UUID, roomID: UUID, scheduledAt: Date, reason: String) {
            self.examID = examID
            self.roomID = roomID
            self.scheduledAt = scheduledAt
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .rebook)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            try ExamTransition.check(.rebook, exam)
            let reason = command.reason.trimmed
            guard !reason.isEmpty else {
                throw DomainError(
                    .validationFailed, "Say why the exam is being re-booked.",
                    fields: [FieldProblem("reason", "is empty")])
            }
            let room = try await unit.room(command.roomID)
            let entry = try await unit.catalogueEntry(exam.examCode)
            try RoomRules.requireSuitable(room, for: entry)
            let minutes = try await BookingRules(configuration: try await environment.configuration(at: now, in: unit))
                .check(
                    exam: exam, entry: entry, room: room, start: command.scheduledAt, now: now, unit)
            exam.booking = Booking(
                roomID: room.id, scheduledAt: command.scheduledAt, bookedBy: actor.username, bookedAt: now,
                slotMinutes: minutes)
            exam.arrivedAt = nil
            exam.pauseAndCheck = nil
            exam.closureReason = reason
            let event = try ExamTransition.apply(.rebook, to: &exam, at: now, by: actor, roomID: room.id, note: reason)
            try await unit.save(
                exam, events: [event], actor: actor, at: now,
                detail: "Re-booked into \(room.name) for \(command.scheduledAt.formatted(.iso8601)): \(reason)")
            return Outcome(exam, events: [event])
        }
    }
}
