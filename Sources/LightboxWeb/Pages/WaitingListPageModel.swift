import Foundation
import LightboxDomain

/// The booking desk's waiting list (`ViewWaitingList`): justified exams to book and exams to re-book, most
/// pressing priority first, then longest wait, each with its DM01 clock: the weeks waited since the request,
/// highlighted from `diagnosticWaitWarningWeeks` and flagged at `diagnosticWaitWeeks`.
struct WaitingListPageModel: PageModel {
    static let template = "waiting-list"

    struct Row: Sendable, Equatable {
        var href: String
        var bookHref: String
        var bookLabel: String
        var patientName: String
        var patientIdentifier: String
        var examName: String
        var accessionNumber: String
        var priority: String
        var priorityTag: String
        var reason: String
        var requested: String
        var waited: String
        var clock: String
        var clockTag: String
        var flagged: Bool
    }

    var layout: LayoutModel
    var heading = "Waiting list"
    var lede: String
    var summary: [String]
    var rows: [Row]
    var hasRows: Bool
    var calendarHref = "/booking/rooms"

    init(
        layout: LayoutModel, entries: [WaitingListEntry], patients: [UUID: Patient], rooms: [Room],
        configuration: DepartmentConfiguration
    ) {
        self.layout = layout
        let target = configuration.diagnosticWaitWeeks
        let warning = min(configuration.diagnosticWaitWarningWeeks, target)
        lede =
            "Justified exams waiting for an appointment, and exams to re-book, most pressing first and then the "
            + "longest wait. The diagnostic clock counts whole weeks since the request: highlighted from \(warning) "
            + "weeks, and over the target at \(target) weeks (DM01)."
        let breached = entries.filter { $0.clock == .breached }.count
        let nearing = entries.filter { $0.clock == .nearing }.count
        summary = [
            entries.count == 1 ? "1 exam is waiting." : "\(entries.count) exams are waiting.",
            "\(breached) waiting \(target) weeks or more; \(nearing) waiting \(warning) weeks or more and nearing the target.",
        ]
        let format = PageFormat(configuration.timeZone)
        // The first room of the exam's kind that is taking bookings opens the calendar for it.
        let open = rooms.filter { $0.status != .suspended }
        rows = entries.map { entry in
            let exam = entry.exam
            let patient = patients[exam.patientID]
            let room = open.first { $0.modality == exam.modality } ?? open.first { $0.takes(exam.modality) }
            let weeks = entry.weeksWaited == 1 ? "1 week" : "\(entry.weeksWaited) weeks"
            let (clock, tag): (String, String) =
                switch entry.clock {
                case .within: ("Within the target", "grey")
                case .nearing: ("Nearing \(target) weeks", "orange")
                case .breached: ("Over \(target) weeks", "red")
                }
            return Row(
                href: "/exams/\(exam.id.uuidString)",
                bookHref: room.map { "/booking/rooms/\($0.id.uuidString)?exam=\(exam.id.uuidString)" }
                    ?? "/exams/\(exam.id.uuidString)",
                bookLabel: entry.reason == .toBook ? "Book" : "Re-book",
                patientName: patient?.name.display ?? "Unknown patient",
                patientIdentifier: patient?.nhsNumber.map { "NHS \($0.formatted)" }
                    ?? patient?.hospitalNumbers.first?.value ?? "",
                examName: exam.examName, accessionNumber: exam.accessionNumber, priority: exam.priority.label,
                priorityTag: exam.priority.tagColour, reason: entry.reason.label,
                requested: format.dateTime(exam.requestedAt),
                waited: "\(weeks) (\(entry.daysWaited) days)", clock: clock, clockTag: tag,
                flagged: entry.clock != .within)
        }
        hasRows = !rows.isEmpty
    }
}

extension WaitingListEntry.Reason {
    /// Why the exam waits, as the desk says it.
    var label: String {
        switch self {
        case .toBook: "To book"
        case .didNotAttend: "Did not attend: to re-book"
        case .roomSuspended: "Room suspended: to re-book"
        }
    }
}
