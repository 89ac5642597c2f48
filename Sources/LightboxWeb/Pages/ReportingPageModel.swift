import Foundation
import LightboxDomain

/// The reporter's worklist: exams waiting for a report, each against its turnaround clock (DOMAIN.md:
/// nothing unreported beyond 4 weeks, inpatients within a working day, the emergency department by its
/// local target), reports waiting for verification, and verified reports whose alert the referrer's team
/// has not acknowledged yet, shown until they do. A live list.
struct ReportingPageModel: PageModel {
    static let template = "reporting"

    struct Row: Sendable, Equatable {
        var href: String
        var patientName: String
        var patientIdentifier: String
        var examName: String
        var accessionNumber: String
        var priority: String
        var priorityTag: String
        var target: String
        var clock: String
        var overdue: Bool
        var alert: String?
    }

    struct AlertRow: Sendable, Equatable {
        var href: String
        var patientName: String
        var examName: String
        var category: String
        var verified: String
        var escalation: String
        var overdue: Bool
    }

    var layout: LayoutModel
    var targetsText: String
    var showReport: Bool
    var toReport: [Row]
    var hasToReport: Bool
    var showVerify: Bool
    var toVerify: [Row]
    var hasToVerify: Bool
    var alerts: [AlertRow]
    var hasAlerts: Bool
    var liveSource: String?
    var toReportPaging: Paging
    var toVerifyPaging: Paging

    /// Where a list stands among its pages: "1 to 50 of 230", with the links to the pages before and after.
    struct Paging: Sendable, Equatable {
        var total: Int
        var first: Int
        var last: Int
        var previousHref: String?
        var nextHref: String?
        var hasPages: Bool
    }

    /// Exams waiting for a report and for verification, each list one page of its queue (`page` and
    /// `verify-page` in the address, counted from 1).
    struct Pages: Sendable, Equatable {
        var toReport: ExamQueue
        var toReportPage: Int
        var toVerify: ExamQueue
        var toVerifyPage: Int
        var rows: Int

        /// The query of one list's page: waiting for a report by target then the earliest exam (the order the
        /// reports fall due within a target), waiting for verification the oldest request first.
        static func queries(toReportPage: Int, toVerifyPage: Int, rows: Int) -> (
            toReport: ExamQuery, toVerify: ExamQuery
        ) {
            (
                ExamQuery(
                    states: [.imagesChecked, .discharged], limit: rows, order: .reportingTarget,
                    offset: (toReportPage - 1) * rows),
                ExamQuery(states: [.reported], limit: rows, order: .requested, offset: (toVerifyPage - 1) * rows)
            )
        }
    }

    /// The worklist from every exam at hand, each list whole and ordered by when its report falls due (the
    /// page models' tests).
    init(
        layout: LayoutModel, exams: [Exam], alerts openAlerts: [OpenAlert], patients: [UUID: Patient],
        canReport: Bool, canVerify: Bool, now: Date, configuration: DepartmentConfiguration, livePosition: String?
    ) {
        let turnaround = ReportingTurnaround(configuration: configuration)
        let toReport = exams.filter { [.imagesChecked, .discharged].contains($0.state) }
            .sorted { (turnaround.due($0), $0.accessionNumber) < (turnaround.due($1), $1.accessionNumber) }
        let toVerify = exams.filter { $0.state == .reported }
            .sorted { ($0.report?.reportedAt ?? $0.requestedAt) < ($1.report?.reportedAt ?? $1.requestedAt) }
        self.init(
            layout: layout,
            pages: Pages(
                toReport: ExamQueue(exams: toReport, total: toReport.count), toReportPage: 1,
                toVerify: ExamQueue(exams: toVerify, total: toVerify.count), toVerifyPage: 1,
                rows: max(1, exams.count)),
            alerts: openAlerts, patients: patients, canReport: canReport, canVerify: canVerify, now: now,
            configuration: configuration, livePosition: livePosition)
    }

    /// The worklist from one page of each list, in the order the store read them.
    init(
        layout: LayoutModel, pages: Pages, alerts openAlerts: [OpenAlert], patients: [UUID: Patient],
        canReport: Bool, canVerify: Bool, now: Date, configuration: DepartmentConfiguration, livePosition: String?
    ) {
        self.layout = layout
        let turnaround = ReportingTurnaround(configuration: configuration)
        let format = PageFormat(configuration.timeZone)
        let targets = configuration.statisticsTargets
        targetsText =
            "Reporting targets from the end of the exam: emergency department \(targets.emergencyDepartmentHours.pageClean) hours, "
            + "inpatients \(targets.inpatientRadiographWorkingDays) working "
            + (targets.inpatientRadiographWorkingDays == 1 ? "day" : "days")
            + ", everyone else \(configuration.reportingTurnaroundDays) days."
        func identifier(_ patient: Patient?) -> String {
            patient?.nhsNumber.map { "NHS \($0.formatted)" } ?? patient?.hospitalNumbers.first?.value ?? ""
        }
        func row(_ exam: Exam, due: Date?) -> Row {
            let patient = patients[exam.patientID]
            let target: String =
                switch turnaround.target(exam) {
                case .emergency: "Emergency department"
                case .inpatient: "Inpatient"
                case .standard: "Standard"
                }
            var clock = ""
            var overdue = false
            if let due {
                overdue = due <= now
                clock =
                    overdue
                    ? "Overdue by " + Self.span(now.timeIntervalSince(due))
                    : "Due in " + Self.span(due.timeIntervalSince(now)) + " (" + format.dateTime(due) + ")"
            } else if let reported = exam.report?.reportedAt {
                clock = "Reported " + format.dateTime(reported)
            }
            return Row(
                href: "/exams/\(exam.id.uuidString)", patientName: patient?.name.display ?? "Unknown patient",
                patientIdentifier: identifier(patient), examName: exam.examName,
                accessionNumber: exam.accessionNumber, priority: exam.priority.label,
                priorityTag: exam.priority.tagColour, target: target, clock: clock, overdue: overdue,
                alert: exam.report?.alert?.label)
        }
        showReport = canReport
        toReport = canReport ? pages.toReport.exams.map { row($0, due: turnaround.due($0)) } : []
        hasToReport = !toReport.isEmpty
        showVerify = canVerify
        toVerify = canVerify ? pages.toVerify.exams.map { row($0, due: nil) } : []
        hasToVerify = !toVerify.isEmpty
        func paging(_ queue: ExamQueue, page: Int, name: String, other: (name: String, page: Int)) -> Paging {
            let first = (page - 1) * pages.rows
            func href(_ number: Int) -> String { "/reporting?\(name)=\(number)&\(other.name)=\(other.page)" }
            return Paging(
                total: queue.total, first: queue.exams.isEmpty ? first : first + 1, last: first + queue.exams.count,
                previousHref: page > 1 ? href(page - 1) : nil,
                nextHref: queue.remaining(after: first) > 0 ? href(page + 1) : nil,
                hasPages: queue.total > queue.exams.count)
        }
        toReportPaging = paging(
            pages.toReport, page: pages.toReportPage, name: "page", other: ("verify-page", pages.toVerifyPage))
        toVerifyPaging = paging(
            pages.toVerify, page: pages.toVerifyPage, name: "verify-page", other: ("page", pages.toReportPage))
        alerts = openAlerts.filter { $0.kind == .reportAlert }.map { alert in
            AlertRow(
                href: "/exams/\(alert.examID.uuidString)",
                patientName: patients[alert.patientID]?.name.display ?? "Unknown patient", examName: alert.examName,
                category: alert.category?.label ?? "Alert", verified: format.dateTime(alert.raisedAt),
                escalation: alert.escalationLevel > 0
                    ? "Escalated \(alert.escalationLevel == 1 ? "once" : "\(alert.escalationLevel) times")"
                    : alert.escalatesAt.map { "Escalates " + format.dateTime($0) } ?? "",
                overdue: alert.escalationLevel > 0)
        }
        hasAlerts = !alerts.isEmpty
        liveSource = livePosition.map { "/live?after=\($0)" }
    }

    /// A length of time as a reporter reads a clock: minutes, hours or days.
    static func span(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int(seconds / 60))
        if minutes < 60 { return minutes == 1 ? "1 minute" : "\(minutes) minutes" }
        let hours = minutes / 60
        if hours < 48 { return hours == 1 ? "1 hour" : "\(hours) hours" }
        let days = hours / 24
        return "\(days) days"
    }
}
