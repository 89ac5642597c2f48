import Foundation
import Hummingbird
import LightboxDomain

/// The booking desk's views as JSON: the waiting list, a room's calendar and a booked exam's appointment letter,
/// through the use cases and permissions of their pages (`/booking`, `/booking/rooms/{roomID}`,
/// `/exams/{examID}/letter`), which audit the reads as they do for the pages.
extension WebApplication {
    /// Entries returned when the client names no limit.
    static let waitingListDefaultLimit = 200

    static var bookingViewRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/waiting-list", id: "viewWaitingList",
                summary:
                    "The waiting list: exams to book or re-book, most pressing priority then longest wait, each "
                    + "with its patient and diagnostic (DM01) clock; audited",
                tag: "Booking", access: .permission(.book),
                query: [
                    QueryParameter(
                        "limit",
                        "At most this many entries (1 to \(ListExams.maximumLimit); \(waitingListDefaultLimit) when "
                            + "absent); the counts cover the whole list")
                ], body: NoBody.self, response: WaitingListDocument.self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let limit = call.queryLimit(
                    fallback: waitingListDefaultLimit, maximum: ListExams.maximumLimit, errors: &errors)
                if !errors.isEmpty { throw Problem.invalid("The limit is wrong.", errors: errors) }
                let entries = try await call.department.viewWaitingList(by: call.actor).value
                return WaitingListDocument(
                    entries,
                    patients: try await patients(of: entries.prefix(limit).map(\.exam), store: call.store),
                    limit: limit, configuration: try await call.department.viewThresholds.configurationInForce())
            },
            .json(
                .get, "/api/rooms/{roomID}/calendar", id: "viewRoomCalendar",
                summary:
                    "A room's calendar for 1 to \(ViewRoomCalendar.maximumDays) days: its slots (free, taken, past), "
                    + "closed days with the reason, the exams booked and their patients; audited",
                tag: "Booking", access: .permission(.book),
                query: [
                    QueryParameter("from", "The first day (department time zone); today when absent", format: "date"),
                    QueryParameter("days", "How many days, 1 to \(ViewRoomCalendar.maximumDays); 1 when absent"),
                ], body: NoBody.self, response: RoomCalendarDocument.self,
                problems: [.notFound, .unprocessableContent]
            ) { call, _ in
                let roomID = try call.id("roomID")
                var errors: [Problem.FieldError] = []
                var from: CalendarDate?
                do { from = try call.queryDate("from") } catch let problem as Problem { errors += problem.errors }
                let days = call.queryLimit("days", fallback: 1, maximum: ViewRoomCalendar.maximumDays, errors: &errors)
                if !errors.isEmpty { throw Problem.invalid("The calendar's days are wrong.", errors: errors) }
                let timeZone = try await call.department.viewThresholds.configurationInForce().timeZone
                let first = from ?? CalendarDate(call.environment.clock.now(), in: timeZone)
                let calendar = try await call.department.viewRoomCalendar(
                    .init(roomID: roomID, firstDay: first, days: days), by: call.actor
                ).value
                let exams = calendar.days.flatMap { $0.slots.flatMap(\.exams) + $0.otherExams }
                return RoomCalendarDocument(calendar, patients: try await patients(of: exams, store: call.store))
            },
            .json(
                .get, "/api/exams/{examID}/letter", id: "viewAppointmentLetter",
                summary:
                    "A booked exam's appointment letter and its instruction sheets (pregnancy, contrast, fasting), in "
                    + "the printed letter's words; audited",
                tag: "Booking", access: .permission(.viewExams), body: NoBody.self,
                response: AppointmentLetterText.self, problems: [.notFound, .conflict]
            ) { call, _ in
                let letter = try await call.department.printAppointmentLetter(
                    .init(examID: try call.id("examID")), by: call.actor
                ).value
                return AppointmentLetterText(
                    letter: letter, configuration: try await call.department.viewThresholds.configurationInForce(),
                    now: call.environment.clock.now())
            },
        ]
    }
}
