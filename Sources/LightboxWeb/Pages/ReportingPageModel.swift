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

    init(
        layout: LayoutModel, exams: [Exam], alerts openAlerts: [OpenAlert], patients: [UUID: Patient],
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
        toReport =
            canReport
            ? exams.filter { [.imagesChecked, .discharged].contains($0.state) }
                .sorted { (turnaround.due($0), $0.accessionNumber) < (turnaround.due($1), $1.accessionNumber) }
                .map { row($0, due: turnaround.due($0)) } : []
        hasToReport = !toReport.isEmpty
        showVerify = canVerify
        toVerify =
            canVerify
            ? exams.filter { $0.state == .reported }
                .sorted { ($0.report?.reportedAt ?? $0.requestedAt) < ($1.report?.reportedAt ?? $1.requestedAt) }
                .map { row($0, due: nil) } : []
        hasToVerify = !toVerify.isEmpty
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
