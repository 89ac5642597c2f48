import Foundation

/// Books a justified exam into a room of the right modality that is taking patients, at a time in
/// the service hours that is not in the past and not on top of another booking in that room. The
/// first booking gives the exam its Study Instance UID, which re-booking keeps.
public struct BookExam: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var roomID: UUID
        public var scheduledAt: Date
        /// The member of staff scheduled to perform it, if the desk names one.
        public var performingStaffID: UUID?

        public init(examID: UUID, roomID: UUID, scheduledAt: Date, performingStaffID: UUID? = nil) {
            self.examID = examID
            self.roomID = roomID
            self.scheduledAt = scheduledAt
            self.performingStaffID = performingStaffID
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
            let minutes = try await BookingRules(configuration: try await environment.configuration(at: now, in: unit))
                .check(
                    exam: exam, entry: entry, room: room, start: command.scheduledAt, now: now, unit)
            if let performer = command.performingStaffID {
                guard let member = try await unit.staff.get(performer), member.active else {
                    throw DomainError(
                        .validationFailed,
                        "The performing member of staff named is not active staff of the department.",
                        fields: [FieldProblem("performingStaffID", "unknown or inactive staff member")])
                }
            }
            exam.booking = Booking(
                roomID: room.id, scheduledAt: command.scheduledAt, bookedBy: actor.username, bookedAt: now,
                performingStaffID: command.performingStaffID, slotMinutes: minutes)
            // From the exam's own random id: unique, and no identifier of the sequence is spent.
            if exam.studyInstanceUID == nil { exam.studyInstanceUID = StudyInstanceUID.make(from: exam.id) }
            let event = try ExamTransition.apply(.book, to: &exam, at: now, by: actor, roomID: room.id)
            try await unit.save(
                exam, events: [event], actor: actor, at: now,
                detail: "Booked into \(room.name) for \(command.scheduledAt.formatted(.iso8601))")
            return Outcome(exam, events: [event])
        }
    }
}
