import Foundation

/// When an exam may be booked (DOMAIN.md "Service hours"): not in the past, inside the service
/// hours, and not on top of another booking in the same room. The slot's length comes from the
/// catalogue entry, else the department's default.
struct BookingRules {
    /// The longest slot a catalogue entry may ask for (a whole working day).
    static let maximumSlotMinutes = 12 * 60
    /// Exams that hold their room: the slot stays taken until the exam is under way or closed.
    static let holdingStates: [ExamState] = [.booked, .arrived, .checked, .inProgress]

    let configuration: DepartmentConfiguration

    func slotMinutes(_ entry: CatalogueEntry) -> Int {
        entry.slotMinutes ?? configuration.defaultSlotMinutes
    }

    /// Problems with the appointment time itself: in the past, or outside the service hours. An
    /// emergency is booked whenever it comes (the out-of-hours service); everything else waits for
    /// the hours the rooms are staffed.
    func timeProblems(start: Date, minutes: Int, now: Date, priority: Priority, room: Room? = nil) -> [FieldProblem] {
        if start < now {
            return [
                FieldProblem(
                    "scheduledAt", "\(start.formatted(.iso8601)) is in the past (now \(now.formatted(.iso8601)))",
                    code: .bookingInPast)
            ]
        }
        guard priority != .emergency else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        let day = calendar.startOfDay(for: start)
        // The room's own hours when it has them (issue 17), else the department's, every day.
        if let own = room?.serviceHours, let room {
            let weekday = (calendar.component(.weekday, from: start) + 5) % 7 + 1
            let opens = calendar.date(byAdding: .hour, value: own.opens, to: day)
            let closes = calendar.date(byAdding: .hour, value: own.closes, to: day)
            let end = start.addingTimeInterval(TimeInterval(minutes * 60))
            guard own.days.contains(weekday), let opens, let closes, start >= opens, end <= closes else {
                return [
                    FieldProblem(
                        "scheduledAt",
                        "a \(minutes)-minute slot at this time is outside \(room.name)'s service hours "
                            + "(\(own.description))",
                        code: .bookingOutsideServiceHours)
                ]
            }
            return []
        }
        let hours = configuration.serviceHours
        guard let opens = calendar.date(byAdding: .hour, value: hours.lowerBound, to: day),
            let closes = calendar.date(byAdding: .hour, value: hours.upperBound, to: day)
        else { return [] }
        let end = start.addingTimeInterval(TimeInterval(minutes * 60))
        guard start >= opens, end <= closes else {
            return [
                FieldProblem(
                    "scheduledAt",
                    "a \(minutes)-minute slot at this time is outside the service hours "
                        + "(\(Self.clock(hours.lowerBound)) to \(Self.clock(hours.upperBound)))",
                    code: .bookingOutsideServiceHours)
            ]
        }
        return []
    }

    /// The exam already booked in the room for a slot overlapping [start, start + minutes), if any.
    func clash(
        in roomID: UUID, start: Date, minutes: Int, excluding examID: UUID, _ unit: any UnitOfWork
    ) async throws -> Exam? {
        let end = start.addingTimeInterval(TimeInterval(minutes * 60))
        let longest = TimeInterval(max(Self.maximumSlotMinutes, configuration.defaultSlotMinutes) * 60)
        let nearby = try await unit.exams.list(
            ExamQuery(
                states: Self.holdingStates, roomID: roomID, scheduledFrom: start.addingTimeInterval(-longest),
                scheduledBefore: end, limit: 1000))
        return nearby.first { other in
            guard other.id != examID, let booking = other.booking else { return false }
            let otherEnd = booking.scheduledAt.addingTimeInterval(
                TimeInterval((booking.slotMinutes ?? configuration.defaultSlotMinutes) * 60))
            return booking.scheduledAt < end && otherEnd > start
        }
    }

    /// Refuses the booking with every problem named; returns the slot length to record.
    func check(
        exam: Exam, entry: CatalogueEntry, room: Room, start: Date, now: Date, _ unit: any UnitOfWork
    ) async throws -> Int {
        let minutes = slotMinutes(entry)
        let problems = timeProblems(start: start, minutes: minutes, now: now, priority: exam.priority, room: room)
        if let problem = problems.first {
            throw DomainError(
                problem.code ?? .validationFailed, "The booking is refused: \(problem.problem).", fields: problems)
        }
        if let other = try await clash(in: room.id, start: start, minutes: minutes, excluding: exam.id, unit),
            let booking = other.booking
        {
            throw DomainError(
                .bookingSlotTaken,
                "\(room.name) is already booked from \(booking.scheduledAt.formatted(.iso8601)) for "
                    + "\(other.examName) (\(other.accessionNumber)); choose another time or room.",
                fields: [FieldProblem("scheduledAt", "overlaps another booking in this room", code: .bookingSlotTaken)])
        }
        return minutes
    }

    static func clock(_ hour: Int) -> String {
        String(format: "%02d:00", hour)
    }
}
