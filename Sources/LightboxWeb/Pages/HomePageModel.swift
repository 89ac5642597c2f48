import Foundation
import LightboxDomain

/// A signed-in person's home: what their role has to do now, each list most pressing first.
struct HomePageModel: PageModel {
    static let template = "home"

    /// One list of work on the home page.
    struct WorkSection: Sendable, Equatable {
        var id: String
        var title: String
        var emptyText: String
        var rows: [ExamRow]
        var count: Int
        var shown: Int
        var hasRows: Bool
        var more: Bool
        /// The page where this work is done (the waiting list, reception), when it has one.
        var pageHref: String? = nil
        var pageLabel: String? = nil
    }

    /// An unacknowledged alert: out-of-range observations, or a finding alert on a report.
    struct AlertRow: Sendable, Equatable {
        var href: String
        var patientName: String
        var examName: String
        var category: String
    }

    var layout: LayoutModel
    var greeting: String
    var sections: [WorkSection]
    var alerts: [AlertRow]
    var hasAlerts: Bool
    var nothingToDo: Bool
    var links: [LayoutModel.NavigationItem]
    /// Notices of staff expiries (issue 17): to the person they are about, and to the managers.
    var staffNotices: [String] = [] {
        didSet { hasStaffNotices = !staffNotices.isEmpty }
    }
    var hasStaffNotices = false
    /// The support worker's claimed and open tasks (issue 14), for those who work the task board.
    var tasks: HomeTasks? = nil

    /// The exam states a role's home lists, so one query fetches them all.
    static func states(for role: AccessRole, policy: AccessPolicy) -> [ExamState] {
        var states: Set<ExamState> = []
        if policy.allows(role, .justify) { states.insert(.requested) }
        if policy.allows(role, .book) { states.insert(.justified) }
        if policy.allows(role, .checkIn) || policy.allows(role, .performExam) {
            states.formUnion([.booked, .arrived, .checked, .inProgress])
        }
        if policy.allows(role, .checkImages) { states.insert(.completed) }
        if policy.allows(role, .report) { states.formUnion([.imagesChecked, .discharged]) }
        if policy.allows(role, .verifyReport) { states.formUnion([.reported, .reportVerified]) }
        return ExamState.allCases.filter(states.contains)
    }

    /// Rows shown per list; the rest are counted.
    static let rowsPerSection = 10

    init(
        layout: LayoutModel, user: SignedInUser, policy: AccessPolicy, exams: [Exam], patients: [UUID: Patient],
        now: Date, configuration: DepartmentConfiguration
    ) {
        self.layout = layout
        greeting = "Signed in as \(user.username), \(user.role.label.lowercased())"
        let format = PageFormat(configuration.timeZone)
        let today = format.dayBounds(now)
        func row(_ exam: Exam) -> ExamRow {
            ExamRow(exam, patient: patients[exam.patientID], now: now, configuration: configuration)
        }
        func section(_ id: String, _ title: String, _ empty: String, _ chosen: [Exam]) -> WorkSection {
            let rows = chosen.prefix(Self.rowsPerSection).map(row)
            return WorkSection(
                id: id, title: title, emptyText: empty, rows: Array(rows), count: chosen.count, shown: rows.count,
                hasRows: !rows.isEmpty, more: chosen.count > rows.count)
        }
        let byUrgency: (Exam, Exam) -> Bool = { a, b in
            (a.priority.urgencyRank, a.requestedAt) < (b.priority.urgencyRank, b.requestedAt)
        }
        let byAppointment: (Exam, Exam) -> Bool = { a, b in
            (a.booking?.scheduledAt ?? .distantFuture) < (b.booking?.scheduledAt ?? .distantFuture)
        }
        let byOldest: (Exam, Exam) -> Bool = { a, b in a.requestedAt < b.requestedAt }
        var sections: [WorkSection] = []
        if policy.allows(user.role, .justify) {
            sections.append(
                section(
                    "vetting", "Requests to vet", "No request is waiting to be vetted.",
                    exams.filter { $0.state == .requested }.sorted(by: byUrgency)))
        }
        if policy.allows(user.role, .book) {
            sections.append(
                section(
                    "booking", "Waiting to be booked", "Every justified request is booked.",
                    exams.filter { $0.state == .justified }.sorted(by: byUrgency)))
        }
        if policy.allows(user.role, .checkIn) || policy.allows(user.role, .performExam) {
            let todays = exams.filter { exam in
                guard [.booked, .arrived, .checked, .inProgress].contains(exam.state),
                    let at = exam.booking?.scheduledAt
                else { return false }
                return at >= today.start && at < today.end
            }
            sections.append(
                section("today", "Today's list", "No one is booked for today.", todays.sorted(by: byAppointment)))
        }
        if policy.allows(user.role, .checkImages) {
            sections.append(
                section(
                    "image-check", "Images waiting for their check", "No exam is waiting for its image check.",
                    exams.filter { $0.state == .completed }.sorted(by: byOldest)))
        }
        if policy.allows(user.role, .report) {
            sections.append(
                section(
                    "reporting", "Reports due", "No exam is waiting for a report.",
                    exams.filter { [.imagesChecked, .discharged].contains($0.state) }.sorted(by: byUrgency)))
        }
        if policy.allows(user.role, .verifyReport) {
            sections.append(
                section(
                    "verify", "Reports to verify", "No report is waiting to be verified.",
                    exams.filter { $0.state == .reported }.sorted(by: byOldest)))
        }
        // The booking desk and reception have pages of their own for this work (issue 14).
        for index in sections.indices {
            if sections[index].id == "booking" {
                sections[index].pageHref = "/booking"
                sections[index].pageLabel = "Open the waiting list"
            } else if sections[index].id == "today" && policy.allows(user.role, .checkIn) {
                sections[index].pageHref = "/reception"
                sections[index].pageLabel = "Open reception: arrivals and letters"
            }
        }
        self.sections = sections
        // A verified report's alert stays on the home page until the referrer's team acknowledges it.
        alerts = exams.compactMap { exam in
            guard let report = exam.report, let alert = report.alert, report.verifiedAt != nil,
                report.alertAcknowledgedAt == nil
            else { return nil }
            return AlertRow(
                href: "/exams/\(exam.id.uuidString)"
                    + (user.referrerID == exam.referrerID ? "#acknowledge-report-alert" : ""),
                patientName: patients[exam.patientID]?.name.display ?? "", examName: exam.examName,
                category: alert.label)
        }
        // Out-of-range observations for the people who acknowledge them, the ones addressed to this
        // person (the exam's supervising radiographer) first.
        if policy.allows(user.role, .checkImages) {
            let observations = exams.flatMap { exam in
                exam.vitalSignsAlerts.filter(\.isOpen).map { (exam, $0) }
            }.sorted { a, b in
                let mine = (a.1.addressedTo == user.staffID ? 0 : 1, b.1.addressedTo == user.staffID ? 0 : 1)
                return (mine.0, a.1.urgent ? 0 : 1, a.1.raisedAt) < (mine.1, b.1.urgent ? 0 : 1, b.1.raisedAt)
            }
            alerts =
                observations.map { exam, alert in
                    AlertRow(
                        href: "/exams/\(exam.id.uuidString)#acknowledge-alert",
                        patientName: patients[exam.patientID]?.name.display ?? "", examName: exam.examName,
                        category: alert.urgent ? "Observations: urgent" : "Observations out of range")
                } + alerts
        }
        hasAlerts = !alerts.isEmpty
        nothingToDo = sections.isEmpty
        links = layout.navigation.filter { $0.href != "/" }
    }
}

extension FindingAlert {
    /// The category as the report says it (RCR alert categories).
    var label: String {
        switch self {
        case .critical: "Critical"
        case .urgent: "Urgent"
        case .significantUnexpected: "Significant unexpected"
        case .cancer: "Cancer"
        }
    }
}
