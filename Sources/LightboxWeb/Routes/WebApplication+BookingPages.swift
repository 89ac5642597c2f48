import Foundation
import Hummingbird
import LightboxDomain

/// The booking desk and reception (issue 14): the waiting list with its diagnostic clock, room calendars with
/// their slots where an exam is booked or re-booked (`BookExam`, `RebookExam`, the use cases of the API's
/// booking routes), reception's day with arrivals (`RecordArrival`), and the appointment letter with its
/// instruction sheets (`PrintAppointmentLetter`).
extension WebApplication {
    func addBookingPages(_ page: PageRegistrar) {
        page(.get, "/booking") { call in
            _ = try call.require(.book)
            let entries = try await call.department.viewWaitingList(by: call.actor).value
            let exams = entries.map(\.exam)
            return try call.page(
                WaitingListPageModel(
                    layout: try call.layout("Waiting list"), entries: entries,
                    patients: try await Self.patients(of: exams, store: call.environment.store),
                    rooms: try await Self.worklistRooms(call),
                    configuration: try await call.department.viewThresholds.configurationInForce()))
        }
        page(.get, "/booking/rooms") { call in
            _ = try call.require(.book)
            let exam = try await Self.examToBook(call, call.query("exam"))
            return try call.page(
                RoomCalendarPageModel(
                    layout: try call.layout("Room calendars"), rooms: try await Self.worklistRooms(call), exam: exam))
        }
        page(.get, "/booking/rooms/:roomID") { call in
            try await Self.calendarPage(call, refused: nil)
        }
        page(.post, "/booking/rooms/:roomID") { call in
            _ = try call.require(.book)
            return try await call.submit(showing: .allButDeniedOrMissing) { form in
                let roomID = try call.id("roomID")
                let timeZone = try await call.department.viewThresholds.configurationInForce().timeZone
                guard let examID = form["examID"].flatMap(UUID.init(uuidString:)) else {
                    throw DomainError(
                        .validationFailed, "Choose the exam to book from the waiting list, then a free slot.")
                }
                let exam = try await call.department.viewExam(.init(examID: examID), by: call.actor).value
                let rebooking = exam.state != .justified
                if rebooking { _ = try call.require(.rebook) }
                let (at, parsed) = ExamActionCommands.time(
                    form["scheduledAt"], field: "scheduledAt", timeZone: timeZone)
                let problem = form["scheduledAt"] == nil ? FieldProblem("scheduledAt", "choose a free slot") : parsed
                guard let at else {
                    throw DomainError(.validationFailed, "", fields: [problem].compactMap { $0 })
                }
                if rebooking {
                    _ = try await call.department.rebookExam(
                        .init(examID: examID, roomID: roomID, scheduledAt: at, reason: form["reason"] ?? ""),
                        by: call.actor)
                } else {
                    _ = try await call.department.bookExam(
                        .init(examID: examID, roomID: roomID, scheduledAt: at), by: call.actor)
                }
                let day = CalendarDate(at, in: timeZone)
                let view = form["view"] == "week" ? "week" : "day"
                return "/booking/rooms/\(roomID.uuidString)?date=\(day.iso)&view=\(view)&done="
                    + (rebooking ? "rebooking" : "booking")
            } again: { form, error in
                try await Self.calendarPage(call, refused: (form, error.fields, error.message))
            }
        }
        page(.get, "/reception") { call in
            try await Self.receptionPage(call, refusal: nil)
        }
        page(.post, "/reception/arrivals") { call in
            _ = try call.require(.checkIn)
            func day(_ form: FormBody) -> CalendarDate? { form["date"].flatMap { try? CalendarDate(iso: $0) } }
            return try await call.submit(showing: .allButDeniedOrMissing) { form in
                guard let examID = form["examID"].flatMap(UUID.init(uuidString:)) else {
                    throw DomainError(.validationFailed, "Choose whose arrival to record.")
                }
                _ = try await call.department.recordArrival(.init(examID: examID), by: call.actor)
                return "/reception?" + (day(form).map { "date=\($0.iso)&" } ?? "") + "done=arrival"
            } again: { form, error in
                try await Self.receptionPage(call, refusal: error.message, day: day(form))
            }
        }
        page(.get, "/exams/:examID/letter") { call in
            _ = try call.require(.viewExams)
            let letter = try await call.department.printAppointmentLetter(
                .init(examID: try call.id("examID")), by: call.actor
            ).value
            return try call.page(
                AppointmentLetterPageModel(
                    layout: try call.layout("Appointment letter"), letter: letter,
                    configuration: try await call.department.viewThresholds.configurationInForce(),
                    now: call.environment.clock.now()))
        }
    }

    /// The exam named in the address to book or re-book, when it is in a state that can be; else none.
    static func examToBook(_ call: PageCall, _ text: String?) async throws -> Exam? {
        guard let id = text.flatMap(UUID.init(uuidString:)) else { return nil }
        let exam = try await call.department.viewExam(.init(examID: id), by: call.actor).value
        let bookable: [ExamState] = [.justified, .booked, .arrived, .checked, .didNotAttend, .discontinued]
        return bookable.contains(exam.state) ? exam : nil
    }

    /// A room's calendar; `refused` shows the booking form again with the use case's refusal (422).
    static func calendarPage(
        _ call: PageCall, refused: (form: FormBody, problems: [FieldProblem], message: String)?
    ) async throws -> Response {
        _ = try call.require(.book)
        let roomID = try call.id("roomID")
        let configuration = try await call.department.viewThresholds.configurationInForce()
        let format = PageFormat(configuration.timeZone)
        let today = CalendarDate(call.environment.clock.now(), in: configuration.timeZone)
        var day = today
        if let text = refused?.form["date"] ?? call.query("date") {
            guard let chosen = try? CalendarDate(iso: text) else {
                throw PageRefusal.notFound("The date in the address is not a date like 2026-03-02.")
            }
            day = chosen
        }
        let isWeek = (refused?.form["view"] ?? call.query("view")) == "week"
        let first = isWeek ? format.monday(of: day) : day
        let calendar = try await call.department.viewRoomCalendar(
            .init(roomID: roomID, firstDay: first, days: isWeek ? ViewRoomCalendar.maximumDays : 1), by: call.actor
        ).value
        let exam = try await examToBook(call, refused?.form["examID"] ?? call.query("exam"))
        var entry: CatalogueEntry?
        if let exam {
            entry = try await call.department.browse.catalogue(by: call.actor).first { $0.code == exam.examCode }
        }
        let shown = calendar.days.flatMap { $0.slots.flatMap(\.exams) + $0.otherExams } + (exam.map { [$0] } ?? [])
        let model = RoomCalendarPageModel(
            layout: try call.layout(calendar.room.name), rooms: try await worklistRooms(call), calendar: calendar,
            firstDay: first, isWeek: isWeek, today: today,
            patients: try await patients(of: shown, store: call.environment.store), exam: exam, entry: entry,
            configuration: configuration, refused: refused)
        return try call.page(model, status: refused == nil ? .ok : .unprocessableContent)
    }

    /// Reception's day; `refusal` says why a form was refused (422).
    static func receptionPage(_ call: PageCall, refusal: String?, day chosen: CalendarDate? = nil) async throws
        -> Response
    {
        let user = try call.require(.checkIn)
        let configuration = try await call.department.viewThresholds.configurationInForce()
        let format = PageFormat(configuration.timeZone)
        let today = CalendarDate(call.environment.clock.now(), in: configuration.timeZone)
        var day = chosen ?? today
        if chosen == nil, let text = call.query("date") {
            guard let parsed = try? CalendarDate(iso: text) else {
                throw PageRefusal.notFound("The date in the address is not a date like 2026-03-02.")
            }
            day = parsed
        }
        let bounds = format.bounds(of: day)
        let exams = try await call.department.listExams(
            ExamQuery(scheduledFrom: bounds.start, scheduledBefore: bounds.end, limit: ListExams.maximumLimit),
            by: call.actor
        ).value
        let policy = call.environment.policy
        let model = ReceptionPageModel(
            layout: try call.layout("Reception"), day: day, today: today, exams: exams,
            rooms: try await call.department.browse.rooms(by: call.actor),
            patients: try await patients(of: exams, store: call.environment.store), configuration: configuration,
            canArrive: policy.allows(user.role, .checkIn),
            canChange: policy.allows(user.role, .rebook) || policy.allows(user.role, .recordDidNotAttend),
            refusal: refusal)
        return try call.page(model, status: refusal == nil ? .ok : .unprocessableContent)
    }
}
