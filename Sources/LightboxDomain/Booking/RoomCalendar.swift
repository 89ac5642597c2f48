import Foundation

/// A room's appointment book for some days (DOMAIN.md "Service hours" and "Rooms and equipment"): each day
/// open or closed (not a service day of the room, or the room suspended), its slots of the department's
/// default length within the room's service hours, and which are free to book, taken or already past.
/// "Free" means exactly what `BookExam` accepts for an exam of the default length: inside the hours, not in
/// the past, not overlapping an exam that holds the room.
public struct RoomCalendar: Sendable, Equatable {
    public enum SlotState: String, Sendable, Codable {
        case free
        case taken
        case past
    }

    public struct Slot: Sendable, Equatable {
        public var start: Date
        public var minutes: Int
        public var state: SlotState
        /// Exams whose appointment starts in this slot (not cancelled, not did-not-attend).
        public var exams: [Exam]
    }

    public struct Day: Sendable, Equatable {
        public var date: CalendarDate
        /// ISO 8601 weekday: 1 Monday … 7 Sunday.
        public var weekday: Int
        /// Why no slot can be booked on this day; nil when the room is open.
        public var closedReason: String?
        public var slots: [Slot]
        /// Appointments that start outside the slots (an emergency out of hours, a closed day).
        public var otherExams: [Exam]
    }

    public var room: Room
    /// The room's hours (its own, else the department's every day).
    public var serviceHours: ServiceHours
    public var slotMinutes: Int
    public var days: [Day]

    /// States that show on the calendar: everything booked except what was cancelled or not attended.
    static let hiddenStates: Set<ExamState> = [.cancelled, .didNotAttend]

    /// Builds the calendar of `room` for `dates` from `exams` booked into it around those days.
    public init(
        room: Room, dates: [CalendarDate], exams: [Exam], now: Date, configuration: DepartmentConfiguration
    ) {
        self.room = room
        let hours = room.serviceHours ?? ServiceHours.everyDay(configuration.serviceHours)
        serviceHours = hours
        let minutes = configuration.defaultSlotMinutes
        slotMinutes = minutes
        let calendar = CalendarDate.gregorian(configuration.timeZone)
        let holding = exams.filter { BookingRules.holdingStates.contains($0.state) }
        let shown = exams.filter { !Self.hiddenStates.contains($0.state) && $0.booking != nil }
        days = dates.map { date in
            let midnight =
                calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) ?? now
            let nextMidnight = calendar.date(byAdding: .day, value: 1, to: midnight) ?? midnight
            let weekday = (calendar.component(.weekday, from: midnight) + 5) % 7 + 1
            var closedReason: String?
            if room.status == .suspended {
                closedReason =
                    "\(room.name) is suspended" + (room.statusReason.map { " (\($0))" } ?? "")
                    + " and takes no bookings."
            } else if !hours.days.contains(weekday) {
                closedReason = "\(room.name) is closed on this day (\(hours.description))."
            }
            var slots: [Slot] = []
            if closedReason == nil,
                let opens = calendar.date(byAdding: .hour, value: hours.opens, to: midnight),
                let closes = calendar.date(byAdding: .hour, value: hours.closes, to: midnight)
            {
                var start = opens
                while start.addingTimeInterval(TimeInterval(minutes * 60)) <= closes {
                    let end = start.addingTimeInterval(TimeInterval(minutes * 60))
                    let taken = holding.contains { exam in
                        guard let booking = exam.booking else { return false }
                        let examEnd = booking.scheduledAt.addingTimeInterval(
                            TimeInterval((booking.slotMinutes ?? minutes) * 60))
                        return booking.scheduledAt < end && examEnd > start
                    }
                    let state: SlotState = taken ? .taken : start < now ? .past : .free
                    let starting = shown.filter { exam in
                        guard let at = exam.booking?.scheduledAt else { return false }
                        return at >= start && at < end
                    }
                    slots.append(Slot(start: start, minutes: minutes, state: state, exams: starting))
                    start = end
                }
            }
            let inSlots = Set(slots.flatMap { $0.exams.map(\.id) })
            let other = shown.filter { exam in
                guard let at = exam.booking?.scheduledAt else { return false }
                return at >= midnight && at < nextMidnight && !inSlots.contains(exam.id)
            }.sorted { ($0.booking?.scheduledAt ?? now) < ($1.booking?.scheduledAt ?? now) }
            return Day(date: date, weekday: weekday, closedReason: closedReason, slots: slots, otherExams: other)
        }
    }
}
