import Foundation
import LightboxDomain

/// A room's calendar as JSON (`GET /api/rooms/{roomID}/calendar`): the days and slots `ViewRoomCalendar` works out
/// (free, taken, past; a closed day with its reason), the exams booked in them, and their patients, as the
/// booking calendar page shows them.
struct RoomCalendarDocument: APISchema, Equatable {
    struct Slot: Codable, Sendable, Equatable {
        var start: Date
        var minutes: Int
        /// `free` (what `BookExam` accepts for an exam of the default length), `taken` or `past`.
        var state: RoomCalendar.SlotState
        /// The exams whose appointment starts in this slot.
        var examIDs: [UUID]
    }

    struct Day: Codable, Sendable, Equatable {
        var date: CalendarDate
        /// ISO 8601 weekday: 1 Monday … 7 Sunday.
        var weekday: Int
        /// Why nothing can be booked on this day; absent when the room is open.
        var closedReason: String?
        var slots: [Slot]
        /// Appointments that start outside the slots (an emergency out of hours, a closed day).
        var otherExamIDs: [UUID]
    }

    static let schemaName = "RoomCalendar"
    static var example: RoomCalendarDocument {
        let start = Examples.now
        let day = CalendarDate(start, in: TimeZone(identifier: "Europe/London") ?? .current)
        return RoomCalendarDocument(
            room: .example, serviceHours: ServiceHours(days: [1, 2, 3, 4, 5, 6, 7], opens: 8, closes: 20),
            slotMinutes: 15,
            days: [
                Day(
                    date: day, weekday: 1, closedReason: "Not a service day of this room",
                    slots: [Slot(start: start, minutes: 15, state: .taken, examIDs: [Examples.id(2)])],
                    otherExamIDs: [Examples.id(3)])
            ], exams: [.example], patients: [.example])
    }

    var room: Room
    var serviceHours: ServiceHours
    var slotMinutes: Int
    var days: [Day]
    /// Every exam the days name, once.
    var exams: [Exam]
    /// Their patients, once each.
    var patients: [Patient]

    init(
        room: Room, serviceHours: ServiceHours, slotMinutes: Int, days: [Day], exams: [Exam], patients: [Patient]
    ) {
        self.room = room
        self.serviceHours = serviceHours
        self.slotMinutes = slotMinutes
        self.days = days
        self.exams = exams
        self.patients = patients
    }

    init(_ calendar: RoomCalendar, patients: [UUID: Patient]) {
        let exams = calendar.days.flatMap { $0.slots.flatMap(\.exams) + $0.otherExams }
        var seen = Set<UUID>()
        let unique = exams.filter { seen.insert($0.id).inserted }
        self.init(
            room: calendar.room, serviceHours: calendar.serviceHours, slotMinutes: calendar.slotMinutes,
            days: calendar.days.map { day in
                Day(
                    date: day.date, weekday: day.weekday, closedReason: day.closedReason,
                    slots: day.slots.map {
                        Slot(start: $0.start, minutes: $0.minutes, state: $0.state, examIDs: $0.exams.map(\.id))
                    }, otherExamIDs: day.otherExams.map(\.id))
            }, exams: unique,
            patients: Set(unique.map(\.patientID)).sorted { $0.uuidString < $1.uuidString }.compactMap { patients[$0] })
    }
}
