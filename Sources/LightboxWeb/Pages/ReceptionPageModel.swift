import Foundation
import LightboxDomain

/// Reception's day (issue 14 "Reception"): every appointment of the day by room and time, with the arrival to
/// record (`RecordArrival`), the appointment letter and instructions to print, and the exam page for did-not-attend,
/// cancelling or re-booking.
struct ReceptionPageModel: PageModel {
    static let template = "reception"

    struct Row: Sendable, Equatable {
        var examID: String
        var time: String
        var href: String
        var patientName: String
        var patientIdentifier: String
        var dateOfBirth: String
        var examName: String
        var accessionNumber: String
        var priority: String
        var priorityTag: String
        var state: String
        var stateTag: String
        var canArrive: Bool
        var letterHref: String?
        var changeHref: String?
    }

    struct RoomList: Sendable, Equatable {
        var id: String
        var name: String
        var rows: [Row]
        var countText: String
    }

    var layout: LayoutModel
    var heading = "Reception"
    var dayText: String
    var isToday: Bool
    var previousHref: String
    var nextHref: String
    var todayHref: String
    var dateValue: String
    var rooms: [RoomList]
    var hasRooms: Bool
    var summary: String
    var errorSummary: ErrorSummary?

    /// States shown at reception: the day's appointments, whatever became of them.
    static let shownStates: Set<ExamState> = [
        .booked, .arrived, .checked, .inProgress, .completed, .imagesChecked, .discharged, .reported,
        .reportVerified, .didNotAttend,
    ]

    init(
        layout: LayoutModel, day: CalendarDate, today: CalendarDate, exams: [Exam], rooms: [Room],
        patients: [UUID: Patient], configuration: DepartmentConfiguration, canArrive: Bool, canChange: Bool,
        refusal: String? = nil
    ) {
        self.layout = layout
        let format = PageFormat(configuration.timeZone)
        dayText = format.dayName(day)
        isToday = day == today
        previousHref = "/reception?date=\(day.adding(days: -1).iso)"
        nextHref = "/reception?date=\(day.adding(days: 1).iso)"
        todayHref = "/reception"
        dateValue = day.iso
        let shown = exams.filter { Self.shownStates.contains($0.state) && $0.booking != nil }
        let names = Dictionary(uniqueKeysWithValues: rooms.map { ($0.id, $0.name) })
        let byRoom = Dictionary(grouping: shown) { $0.booking?.roomID ?? UUID() }
        self.rooms = byRoom.map { roomID, exams in
            let rows = exams.sorted {
                ($0.booking?.scheduledAt ?? .distantFuture, $0.accessionNumber)
                    < ($1.booking?.scheduledAt ?? .distantFuture, $1.accessionNumber)
            }.map { exam in
                let patient = patients[exam.patientID]
                let booked = [.booked, .arrived, .checked].contains(exam.state)
                return Row(
                    examID: exam.id.uuidString, time: exam.booking.map { format.time($0.scheduledAt) } ?? "",
                    href: "/exams/\(exam.id.uuidString)", patientName: patient?.name.display ?? "Unknown patient",
                    patientIdentifier: patient?.nhsNumber.map { "NHS \($0.formatted)" }
                        ?? patient?.hospitalNumbers.first?.value ?? "",
                    dateOfBirth: patient?.dateOfBirth.map { "Born \(format.date($0))" } ?? "",
                    examName: exam.examName, accessionNumber: exam.accessionNumber, priority: exam.priority.label,
                    priorityTag: exam.priority.tagColour,
                    state: exam.state.label.prefix(1).uppercased() + exam.state.label.dropFirst(),
                    stateTag: exam.state.tagColour, canArrive: canArrive && exam.state == .booked,
                    letterHref: booked ? "/exams/\(exam.id.uuidString)/letter" : nil,
                    changeHref: canChange && booked ? "/exams/\(exam.id.uuidString)#rebooking" : nil)
            }
            let waiting = exams.filter { $0.state == .booked }.count
            return RoomList(
                id: "room-\(roomID.uuidString)", name: names[roomID] ?? "Room no longer listed", rows: rows,
                countText: "\(rows.count) " + (rows.count == 1 ? "appointment" : "appointments")
                    + ", \(waiting) not yet arrived")
        }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        hasRooms = !self.rooms.isEmpty
        let arrived = shown.filter { $0.state != .booked && $0.state != .didNotAttend }.count
        summary =
            shown.isEmpty
            ? "No appointments on this day."
            : (shown.count == 1 ? "1 appointment" : "\(shown.count) appointments")
                + "; \(arrived) arrived, \(shown.filter { $0.state == .booked }.count) expected, "
                + "\(shown.filter { $0.state == .didNotAttend }.count) did not attend."
        errorSummary = refusal.map { ErrorSummary(items: [ErrorSummary.Item(href: "#reception-day", message: $0)]) }
    }
}
