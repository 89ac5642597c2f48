import Foundation

/// A room's appointment book for one day or a week (`RoomCalendar`), for the booking desk. Audited as
/// "exam.list" (the bookings name patients).
public struct ViewRoomCalendar: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        public var firstDay: CalendarDate
        /// 1 (a day) to `maximumDays` (a week).
        public var days: Int

        public init(roomID: UUID, firstDay: CalendarDate, days: Int) {
            self.roomID = roomID
            self.firstDay = firstDay
            self.days = days
        }
    }

    /// The longest calendar shown at once: a week.
    public static let maximumDays = 7

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<RoomCalendar> {
        try environment.policy.require(actor, .viewExams)
        guard (1...Self.maximumDays).contains(command.days) else {
            throw DomainError(
                .validationFailed, "A calendar shows 1 to \(Self.maximumDays) days.",
                fields: [FieldProblem("days", "must be from 1 to \(Self.maximumDays)")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let room = try await unit.room(command.roomID)
            let configuration = try await environment.configuration(at: now, in: unit)
            let dates = (0..<command.days).map { command.firstDay.adding(days: $0) }
            let calendar = CalendarDate.gregorian(configuration.timeZone)
            let first = dates[0]
            let start =
                calendar.date(from: DateComponents(year: first.year, month: first.month, day: first.day)) ?? now
            let end = calendar.date(byAdding: .day, value: command.days, to: start) ?? start
            // An exam that started the evening before can still hold the first slots of the day.
            let longest = TimeInterval(max(BookingRules.maximumSlotMinutes, configuration.defaultSlotMinutes) * 60)
            let exams = try await unit.exams.list(
                ExamQuery(
                    roomID: room.id, scheduledFrom: start.addingTimeInterval(-longest), scheduledBefore: end,
                    limit: ListExams.maximumLimit))
            let book = RoomCalendar(room: room, dates: dates, exams: exams, now: now, configuration: configuration)
            try await unit.record(
                actor, "exam.list", patientID: nil, examID: nil, at: now,
                "Viewed the calendar of \(room.name) from \(first.iso) for \(command.days) days: "
                    + "\(book.days.reduce(0) { $0 + $1.slots.reduce(0) { $0 + $1.exams.count } + $1.otherExams.count }) "
                    + "appointments")
            return Outcome(book, events: [])
        }
    }
}
