import Foundation
import LightboxDomain

/// A room's appointment book for a day or a week (`ViewRoomCalendar`): its service hours, each slot free, taken
/// or past, the appointments in it, and closed days (not a service day, or the room suspended). With an exam
/// chosen from the waiting list or the exam page (`?exam=`), the free slots become a choice and the form books
/// it (`BookExam`) or moves it there with a reason (`RebookExam`).
struct RoomCalendarPageModel: PageModel {
    static let template = "room-calendar"

    struct RoomLink: Sendable, Equatable {
        var name: String
        var href: String
        var current: Bool
        var detail: String
    }

    struct Appointment: Sendable, Equatable {
        var href: String
        var time: String
        var patientName: String
        var examName: String
        var state: String
        var stateTag: String
    }

    struct Slot: Sendable, Equatable {
        var time: String
        var status: String
        var modifier: String
        var selectable: Bool
        var inputID: String
        var value: String
        var checked: Bool
        var appointments: [Appointment]
    }

    struct Day: Sendable, Equatable {
        var id: String
        var heading: String
        var closedReason: String?
        var slots: [Slot]
        var others: [Appointment]
        var hasOthers: Bool
    }

    /// The exam being booked or re-booked.
    struct Chosen: Sendable, Equatable {
        var examID: String
        var examHref: String
        var patientName: String
        var examName: String
        var accessionNumber: String
        var priority: String
        var priorityTag: String
        var current: String?
        var isRebooking: Bool
        var button: String
        var suitable: Bool
        var unsuitableReason: String?
    }

    var layout: LayoutModel
    var heading: String
    var lede: String
    var rooms: [RoomLink]
    var roomChosen: Bool
    var roomWarning: String?
    var hoursText: String
    var rangeText: String
    var isWeek: Bool
    var dayHref: String
    var weekHref: String
    var previousHref: String
    var nextHref: String
    var todayHref: String
    var days: [Day]
    var chosen: Chosen?
    var action: String
    var dateValue: String
    var viewValue: String
    var reason: FormField?
    var scheduledError: String?
    var errorSummary: ErrorSummary?
    var hasFreeSlots: Bool
    var waitingListHref = "/booking"

    /// The rooms to choose from, before one is chosen.
    init(layout: LayoutModel, rooms: [Room], exam: Exam?) {
        self.layout = layout
        heading = "Room calendars"
        lede = rooms.isEmpty ? "No room is set up yet." : "Choose a room to see its appointments and free slots."
        let examQuery = exam.map { "?exam=\($0.id.uuidString)" } ?? ""
        self.rooms = Self.links(rooms, current: nil, exam: exam, query: examQuery)
        roomChosen = false
        roomWarning = nil
        (hoursText, rangeText, dayHref, weekHref, previousHref, nextHref, todayHref) = ("", "", "", "", "", "", "")
        isWeek = false
        days = []
        chosen = nil
        action = ""
        dateValue = ""
        viewValue = ""
        hasFreeSlots = false
    }

    /// One room's calendar; `refused` shows the booking form again with the use case's refusal.
    init(
        layout: LayoutModel, rooms: [Room], calendar book: RoomCalendar, firstDay: CalendarDate, isWeek: Bool,
        today: CalendarDate, patients: [UUID: Patient], exam: Exam?, entry: CatalogueEntry?,
        configuration: DepartmentConfiguration, refused: (form: FormBody, problems: [FieldProblem], message: String)?
    ) {
        self.layout = layout
        let room = book.room
        heading = "\(room.name) calendar"
        let format = PageFormat(configuration.timeZone)
        hoursText = "Service hours: \(book.serviceHours.description); \(book.slotMinutes)-minute slots."
        lede = "\(room.modality.rawValue) room" + (room.isMobile ? " (mobile)" : "") + ". " + hoursText
        let base = "/booking/rooms/\(room.id.uuidString)"
        let examPart = exam.map { "&exam=\($0.id.uuidString)" } ?? ""
        self.rooms = Self.links(
            rooms, current: room.id, exam: exam,
            query: "?date=\(firstDay.iso)&view=\(isWeek ? "week" : "day")" + examPart)
        roomChosen = true
        switch room.status {
        case .inUse: roomWarning = nil
        case .restricted:
            roomWarning = "\(room.name) is restricted" + (room.statusReason.map { ": \($0)" } ?? "") + "."
        case .suspended:
            roomWarning =
                "\(room.name) is suspended" + (room.statusReason.map { ": \($0)" } ?? "")
                + ". It takes no bookings; its booked exams are on the waiting list to re-book."
        }
        self.isWeek = isWeek
        let step = isWeek ? 7 : 1
        let view = isWeek ? "week" : "day"
        dayHref = base + "?date=\(firstDay.iso)&view=day" + examPart
        weekHref = base + "?date=\(firstDay.iso)&view=week" + examPart
        previousHref = base + "?date=\(firstDay.adding(days: -step).iso)&view=\(view)" + examPart
        nextHref = base + "?date=\(firstDay.adding(days: step).iso)&view=\(view)" + examPart
        todayHref = base + "?date=\(today.iso)&view=\(view)" + examPart
        let last = book.days.last?.date ?? firstDay
        rangeText = isWeek ? "\(format.date(firstDay)) to \(format.date(last))" : format.dayName(firstDay)
        action = base
        dateValue = firstDay.iso
        viewValue = view

        let sentTime = refused?.form["scheduledAt"]
        let canChoose: Bool
        if let exam {
            let rebooking = exam.state != .justified
            let suitable = room.takes(entry?.modality ?? exam.modality)
            let patient = patients[exam.patientID]
            chosen = Chosen(
                examID: exam.id.uuidString, examHref: "/exams/\(exam.id.uuidString)",
                patientName: patient?.name.display ?? "Unknown patient", examName: exam.examName,
                accessionNumber: exam.accessionNumber, priority: exam.priority.label,
                priorityTag: exam.priority.tagColour,
                current: exam.booking.flatMap { booking in
                    [.booked, .arrived, .checked].contains(exam.state)
                        ? "Booked now for \(format.dateTime(booking.scheduledAt))"
                            + (booking.roomID == room.id ? " in this room" : " in another room") : nil
                },
                isRebooking: rebooking, button: rebooking ? "Re-book into the chosen slot" : "Book the chosen slot",
                suitable: suitable,
                unsuitableReason: suitable
                    ? nil : "\(room.name) is a \(room.modality.rawValue) room; \(exam.examName) needs another room.")
            canChoose = suitable
            if rebooking {
                reason = FormField(
                    "reason", label: "Reason for the change", value: refused?.form["reason"],
                    hint: "For example: patient asked for another day, did not attend, room out of use", multiline: true
                )
            }
        } else {
            canChoose = false
        }

        var firstFreeID: String?
        days = book.days.map { day in
            let slots = day.slots.map { slot in
                let value = format.inputValue(slot.start)
                let id = "slot-" + value.filter(\.isNumber)
                let selectable = canChoose && slot.state == .free
                if selectable && firstFreeID == nil { firstFreeID = id }
                let (status, modifier): (String, String) =
                    switch slot.state {
                    case .free: ("Free", "free")
                    case .taken: (slot.exams.isEmpty ? "Taken (continued)" : "Taken", "taken")
                    case .past: ("Past", "past")
                    }
                return Slot(
                    time: format.time(slot.start), status: status, modifier: modifier, selectable: selectable,
                    inputID: id, value: value, checked: selectable && sentTime == value,
                    appointments: slot.exams.map { Self.appointment($0, patients, format) })
            }
            let others = day.otherExams.map { Self.appointment($0, patients, format) }
            return Day(
                id: "day-\(day.date.iso)", heading: format.dayName(day.date), closedReason: day.closedReason,
                slots: slots, others: others, hasOthers: !others.isEmpty)
        }
        hasFreeSlots = firstFreeID != nil

        if let refused {
            var general: [String] = []
            var items: [ErrorSummary.Item] = []
            for problem in refused.problems {
                switch problem.field {
                case "scheduledAt":
                    scheduledError = ActionForm.join(scheduledError, problem.problem)
                case "reason":
                    let earlier = reason?.error
                    reason?.error = ActionForm.join(earlier, problem.problem)
                default:
                    general.append(ActionForm.sentence(problem))
                }
            }
            if refused.problems.isEmpty && !refused.message.isEmpty { general.append(refused.message) }
            items += general.map { ErrorSummary.Item(href: "#booking-form", message: $0) }
            if let scheduledError {
                items.append(
                    ErrorSummary.Item(href: "#" + (firstFreeID ?? "calendar"), message: "Slot: \(scheduledError)"))
            }
            if let reason, let error = reason.error {
                items.append(ErrorSummary.Item(href: "#" + reason.id, message: "\(reason.label): \(error)"))
            }
            errorSummary = items.isEmpty ? nil : ErrorSummary(items: items)
        }
    }

    static func appointment(_ exam: Exam, _ patients: [UUID: Patient], _ format: PageFormat) -> Appointment {
        Appointment(
            href: "/exams/\(exam.id.uuidString)", time: exam.booking.map { format.time($0.scheduledAt) } ?? "",
            patientName: patients[exam.patientID]?.name.display ?? "Unknown patient", examName: exam.examName,
            state: exam.state.label.prefix(1).uppercased() + exam.state.label.dropFirst(),
            stateTag: exam.state.tagColour)
    }

    static func links(_ rooms: [Room], current: UUID?, exam: Exam?, query: String) -> [RoomLink] {
        rooms.map { room in
            let status: String =
                switch room.status {
                case .inUse: ""
                case .restricted: ", restricted"
                case .suspended: ", suspended"
                }
            return RoomLink(
                name: room.name, href: "/booking/rooms/\(room.id.uuidString)" + query, current: room.id == current,
                detail: room.modality.rawValue + (room.isMobile ? ", mobile" : "") + status)
        }
    }
}
