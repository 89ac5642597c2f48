import Foundation
import LightboxDomain

/// The dose dashboard (`/dose`): this month's counts beside the register's, and the way to each dose page the
/// person's role may open.
struct DoseDashboardPageModel: PageModel {
    static let template = "dose-dashboard"

    struct Card: Sendable, Equatable {
        var id: String
        var label: String
        var value: String
        var href: String
        var linkText: String
        var flagged: Bool
    }

    struct Link: Sendable, Equatable {
        var label: String
        var href: String
        var text: String
    }

    var layout: LayoutModel
    var monthLabel: String
    var cards: [Card]
    var links: [Link]

    init(
        layout: LayoutModel, dashboard: ViewDoseStatistics.Dashboard, timeZone: TimeZone,
        allows: (Permission) -> Bool
    ) {
        self.layout = layout
        let counts = dashboard.counts
        let month = DoseFormat.month(dashboard.month.from, in: timeZone)
        monthLabel = month
        cards = [
            Card(
                id: "exams-with-dose", label: "Exams with a dose record in \(month)",
                value: "\(counts.examsWithDoseInPeriod)", href: "/dose/statistics",
                linkText: "Median dose per exam type",
                flagged: false),
            Card(
                id: "above-drl", label: "Exams above a reference level in \(month)",
                value: "\(counts.examsAboveReferenceLevelInPeriod)", href: "/dose/statistics",
                linkText: "Against the DRLs", flagged: counts.examsAboveReferenceLevelInPeriod > 0),
            Card(
                id: "open-alerts", label: "Open dose alerts", value: "\(counts.openAlerts)", href: "/dose/alerts",
                linkText: "The alert queue", flagged: counts.openAlerts > 0),
            Card(
                id: "all-exams-with-dose", label: "Exams with a dose record, all time",
                value: "\(counts.examsWithDose)", href: "/dose/statistics", linkText: "Statistics", flagged: false),
        ]
        var links = [
            Link(
                label: "Median dose per exam type and room", href: "/dose/statistics",
                text: "Against the national and local DRLs, month by month, with distributions and outliers."),
            Link(label: "Dose alerts", href: "/dose/alerts", text: "Exams above a DRL multiple and cumulative doses."),
            Link(
                label: "Reference levels", href: "/dose/reference-levels",
                text: "The national table, local DRLs with their sign-off and history, and proposed local levels."),
        ]
        if allows(.viewOperatorDose) {
            links.append(
                Link(
                    label: "Dose per operator", href: "/dose/operators",
                    text: "Median dose and exams per operator and exam type, against the DRLs."))
        }
        if allows(.reportSAUE) {
            links.append(
                Link(
                    label: "Dose incidents", href: "/dose/incidents",
                    text: "Possible significant accidental and unintended exposures."))
        }
        self.links = links
    }
}
