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
        /// Exams of the queue not shown ("and N more"), and the page listing them all when there is one.
        var remaining = 0
        var listHref: String? = nil
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

    /// The exam states a role's home lists.
    static func states(for role: AccessRole, policy: AccessPolicy) -> [ExamState] {
        let states = Set(
            queues(for: role, policy: policy, today: (.distantPast, .distantFuture), rooms: nil, rows: 1)
                .flatMap { $0.query.states ?? [] })
        return ExamState.allCases.filter(states.contains)
    }

    /// One queue of a home page: what it is called and the query that finds its exams, most pressing first.
    struct QueueDefinition: Sendable {
        var id: String
        var title: String
        var emptyText: String
        var query: ExamQuery
    }

    /// The queues a role's home shows (issue 14 "Home per role": what this person has to do now), each bounded to
    /// `rows` exams in its order: requests to vet and to book (most urgent, then oldest), today's list (of the
    /// person's rooms on today's rota when given, by appointment), images waiting for their check and reports to
    /// verify (oldest first), reports due (most urgent first).
    static func queues(
        for role: AccessRole, policy: AccessPolicy, today: (start: Date, end: Date), rooms: [UUID]?, rows: Int
    ) -> [QueueDefinition] {
        var queues: [QueueDefinition] = []
        if policy.allows(role, .justify) {
            queues.append(
                QueueDefinition(
                    id: "vetting", title: "Requests to vet", emptyText: "No request is waiting to be vetted.",
                    query: ExamQuery(states: [.requested], limit: rows, order: .urgency)))
        }
        if policy.allows(role, .book) {
            queues.append(
                QueueDefinition(
                    id: "booking", title: "Waiting to be booked", emptyText: "Every justified request is booked.",
                    query: ExamQuery(states: [.justified], limit: rows, order: .urgency)))
        }
        if policy.allows(role, .checkIn) || policy.allows(role, .performExam) {
            queues.append(
                QueueDefinition(
                    id: "today", title: "Today's list", emptyText: "No one is booked for today.",
                    query: ExamQuery(
                        states: [.booked, .arrived, .checked, .inProgress], scheduledFrom: today.start,
                        scheduledBefore: today.end, limit: rows, roomIDs: rooms, order: .appointment)))
        }
        if policy.allows(role, .checkImages) {
            queues.append(
                QueueDefinition(
                    id: "image-check", title: "Images waiting for their check",
                    emptyText: "No exam is waiting for its image check.",
                    query: ExamQuery(states: [.completed], limit: rows, order: .requested)))
        }
        if policy.allows(role, .report) {
            queues.append(
                QueueDefinition(
                    id: "reporting", title: "Reports due", emptyText: "No exam is waiting for a report.",
                    query: ExamQuery(states: [.imagesChecked, .discharged], limit: rows, order: .urgency)))
        }
        if policy.allows(role, .verifyReport) {
            queues.append(
                QueueDefinition(
                    id: "verify", title: "Reports to verify", emptyText: "No report is waiting to be verified.",
                    query: ExamQuery(states: [.reported], limit: rows, order: .requested)))
        }
        return queues
    }

    /// The home from every exam at hand (the queues and alerts found among them in memory, as the store finds
    /// them): the page models' tests and any caller holding a list.
    init(
        layout: LayoutModel, user: SignedInUser, policy: AccessPolicy, exams: [Exam], patients: [UUID: Patient],
        now: Date, configuration: DepartmentConfiguration
    ) {
        let today = PageFormat(configuration.timeZone).dayBounds(now)
        let definitions = Self.queues(
            for: user.role, policy: policy, today: today, rooms: nil, rows: configuration.homeQueueRows)
        let found = definitions.map { definition in
            let matching = exams.filter(definition.query.matches)
                .sorted(by: (definition.query.order ?? .requested).precedes)
            return ExamQueue(exams: Array(matching.prefix(definition.query.limit)), total: matching.count)
        }
        let alerts = exams.flatMap { ListOpenAlerts.alerts(of: $0, configuration: configuration, now: now) }
        self.init(
            layout: layout, user: user, policy: policy, queues: Array(zip(definitions, found)), alerts: alerts,
            patients: patients, now: now, configuration: configuration)
    }

    /// The home from its queues (each bounded and counted by the store) and the open alerts.
    init(
        layout: LayoutModel, user: SignedInUser, policy: AccessPolicy,
        queues: [(QueueDefinition, ExamQueue)], alerts openAlerts: [OpenAlert], patients: [UUID: Patient],
        now: Date, configuration: DepartmentConfiguration
    ) {
        self.layout = layout
        greeting = "Signed in as \(user.username), \(user.role.label.lowercased())"
        func row(_ exam: Exam) -> ExamRow {
            ExamRow(exam, patient: patients[exam.patientID], now: now, configuration: configuration)
        }
        sections = queues.map { definition, queue in
            let rows = queue.exams.map(row)
            var section = WorkSection(
                id: definition.id, title: definition.title, emptyText: definition.emptyText, rows: rows,
                count: queue.total, shown: rows.count, hasRows: !rows.isEmpty, more: queue.total > rows.count)
            section.remaining = queue.remaining()
            // The page where the whole queue is worked, when there is one (issue 14).
            switch definition.id {
            case "vetting": section.listHref = "/vetting"
            case "booking":
                section.pageHref = "/booking"
                section.pageLabel = "Open the waiting list"
                section.listHref = "/booking"
            case "today":
                if policy.allows(user.role, .checkIn) {
                    section.pageHref = "/reception"
                    section.pageLabel = "Open reception: arrivals and letters"
                    section.listHref = "/reception"
                } else {
                    section.listHref = "/worklist"
                }
            case "reporting", "verify": section.listHref = "/reporting"
            default: break
            }
            return section
        }
        // A verified report's alert stays on the home page until the referrer's team acknowledges it: shown to
        // those who verify reports and to the referrer whose request it was.
        let reportAlerts = openAlerts.filter { alert in
            guard alert.kind == .reportAlert else { return false }
            if policy.allows(user.role, .verifyReport) { return true }
            return user.referrerID != nil && alert.referrerID == user.referrerID
                && policy.allows(user.role, .createRequest)
        }.map { alert in
            AlertRow(
                href: "/exams/\(alert.examID.uuidString)"
                    + (user.referrerID != nil && user.referrerID == alert.referrerID
                        ? "#acknowledge-report-alert" : ""),
                patientName: patients[alert.patientID]?.name.display ?? "", examName: alert.examName,
                category: alert.category?.label ?? "Alert")
        }
        // Out-of-range observations for the people who acknowledge them, the ones addressed to this
        // person (the exam's supervising radiographer) first.
        var observations: [AlertRow] = []
        if policy.allows(user.role, .checkImages) {
            observations = openAlerts.filter { $0.kind == .vitalSigns }.sorted { a, b in
                let mine = (a.addressedTo == user.staffID ? 0 : 1, b.addressedTo == user.staffID ? 0 : 1)
                return (mine.0, a.urgent ? 0 : 1, a.raisedAt) < (mine.1, b.urgent ? 0 : 1, b.raisedAt)
            }.map { alert in
                AlertRow(
                    href: "/exams/\(alert.examID.uuidString)#acknowledge-alert",
                    patientName: patients[alert.patientID]?.name.display ?? "", examName: alert.examName,
                    category: alert.urgent ? "Observations: urgent" : "Observations out of range")
            }
        }
        alerts = observations + reportAlerts
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
