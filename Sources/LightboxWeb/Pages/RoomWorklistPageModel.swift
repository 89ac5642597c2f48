import Foundation
import LightboxDomain

/// A room's list for one day (DESIGN.md "Pages": live lists): every exam booked into the room that day in
/// appointment order, where each patient is on the journey and what comes next. The list is a live region:
/// a booking, an arrival or a start anywhere shows on every open copy of the page without a reload.
struct RoomWorklistPageModel: PageModel {
    static let template = "worklist"

    struct RoomLink: Sendable, Equatable {
        var name: String
        var href: String
        var current: Bool
        var detail: String
    }

    struct Row: Sendable, Equatable {
        var time: String
        var href: String
        var patientName: String
        var patientIdentifier: String
        var examName: String
        var accessionNumber: String
        var priority: String
        var priorityTag: String
        var state: String
        var stateTag: String
        var next: String
        /// The patient's isolation precautions (nil: not on isolation): the room is cleaned after them.
        var isolation: String? = nil
    }

    var layout: LayoutModel
    var heading: String
    var intro: String
    var rooms: [RoomLink]
    var chosen: Bool
    var dayText: String
    var previousHref: String
    var nextHref: String
    var todayHref: String
    var isToday: Bool
    var roomWarning: String?
    var rows: [Row]
    var hasRows: Bool
    var countText: String
    /// The live-update stream this page follows, with the position it was rendered at; nil: not live.
    var liveSource: String?
    /// Who covers the room that day by session, from the rota; nil for those who do not read the rota.
    var staffOnRota: String?

    /// The page without a room chosen: the rooms to choose from.
    init(layout: LayoutModel, rooms: [Room]) {
        self.layout = layout
        heading = "Room worklists"
        intro = rooms.isEmpty ? "No room is set up yet." : "Choose a room to see its list for the day."
        self.rooms = rooms.map { Self.link($0, current: false, date: nil) }
        chosen = false
        (dayText, previousHref, nextHref, todayHref, isToday) = ("", "", "", "", true)
        roomWarning = nil
        rows = []
        hasRows = false
        countText = ""
        liveSource = nil
        staffOnRota = nil
    }

    /// The rota's cover of the room for the day, session by session with its clock times ("On the rota: Morning
    /// 08:00–13:00: Grace Okafor").
    static func rotaText(_ assignments: [RotaAssignment]) -> String {
        guard !assignments.isEmpty else { return "Nobody is on the rota for this room this day." }
        return "On the rota: " + coverText(assignments)
    }

    /// Who covers, by session and its times: "Morning 08:00–13:00: Grace Okafor; Night 22:00–08:00: Sam Reid".
    static func coverText(_ assignments: [RotaAssignment]) -> String {
        var seen: [String] = []
        var names: [String: [String]] = [:]
        for assignment in assignments.sorted(by: { ($0.session, $0.times.start) < ($1.session, $1.times.start) }) {
            let key = "\(assignment.session.label) \(assignment.times.text)"
            if names[key] == nil { seen.append(key) }
            names[key, default: []].append(
                assignment.staffName + (assignment.role == .support ? " (support)" : "")
                    + (assignment.supervised ? " (supervised)" : ""))
        }
        return seen.map { "\($0): " + (names[$0] ?? []).joined(separator: ", ") }.joined(separator: "; ")
    }

    /// One room's list for `day`.
    init(
        layout: LayoutModel, room: Room, rooms: [Room], day: CalendarDate, today: CalendarDate, exams: [Exam],
        patients: [UUID: Patient], configuration: DepartmentConfiguration, livePosition: String?
    ) {
        self.layout = layout
        heading = "\(room.name) worklist"
        intro = "\(room.modality.rawValue) room. Appointments in order; the list updates itself as patients move on."
        self.rooms = rooms.map { Self.link($0, current: $0.id == room.id, date: day == today ? nil : day) }
        chosen = true
        let format = PageFormat(configuration.timeZone)
        dayText = format.date(day)
        let base = "/worklist/\(room.id.uuidString)"
        previousHref = base + "?date=" + day.adding(days: -1).iso
        nextHref = base + "?date=" + day.adding(days: 1).iso
        todayHref = base
        isToday = day == today
        switch room.status {
        case .inUse: roomWarning = nil
        case .restricted:
            roomWarning = "This room is restricted" + (room.statusReason.map { ": \($0)" } ?? "") + "."
        case .suspended:
            roomWarning =
                "This room is suspended" + (room.statusReason.map { ": \($0)" } ?? "")
                + ". Its exams are off the modality worklist until they are re-booked."
        }
        rows = exams.sorted { a, b in
            (a.booking?.scheduledAt ?? a.requestedAt, a.accessionNumber)
                < (b.booking?.scheduledAt ?? b.requestedAt, b.accessionNumber)
        }.map { exam in
            let patient = patients[exam.patientID]
            return Row(
                time: exam.booking.map { format.time($0.scheduledAt) } ?? "",
                href: "/exams/\(exam.id.uuidString)", patientName: patient?.name.display ?? "Unknown patient",
                patientIdentifier: patient?.nhsNumber.map { "NHS \($0.formatted)" }
                    ?? patient?.hospitalNumbers.first?.value ?? "",
                examName: exam.examName, accessionNumber: exam.accessionNumber, priority: exam.priority.label,
                priorityTag: exam.priority.tagColour,
                state: exam.state.label.prefix(1).uppercased()
                    + exam.state.label.dropFirst(),
                stateTag: exam.state.tagColour, next: Self.next(exam.state),
                isolation: exam.isolation.map { $0.precaution.label + " (clean the room after)" })
        }
        hasRows = !rows.isEmpty
        let waiting = exams.filter { [.booked, .arrived, .checked, .inProgress].contains($0.state) }.count
        countText =
            exams.count == 1
            ? "1 appointment, \(waiting) still to be done" : "\(exams.count) appointments, \(waiting) still to be done"
        liveSource = livePosition.map { "/live?after=\($0)" }
        staffOnRota = nil
    }

    static func link(_ room: Room, current: Bool, date: CalendarDate?) -> RoomLink {
        let status: String =
            switch room.status {
            case .inUse: ""
            case .restricted: ", restricted"
            case .suspended: ", suspended"
            }
        return RoomLink(
            name: room.name, href: "/worklist/\(room.id.uuidString)" + (date.map { "?date=\($0.iso)" } ?? ""),
            current: current, detail: room.modality.rawValue + (room.isMobile ? ", mobile" : "") + status)
    }

    /// What the room does next for an exam in `state`.
    static func next(_ state: ExamState) -> String {
        switch state {
        case .booked: "Waiting for the patient to arrive"
        case .arrived: "Here: Pause and Check next"
        case .checked: "Checked: ready to start"
        case .inProgress: "In the room"
        case .completed: "Images waiting for their check"
        case .imagesChecked: "Ready to go home"
        case .discharged, .reported, .reportVerified: "Gone home"
        case .cancelled: "Cancelled"
        case .didNotAttend: "Did not attend: to re-book"
        case .discontinued: "Stopped before completion"
        case .requested, .justified, .rejected, .returnedForInformation: ""
        }
    }
}
