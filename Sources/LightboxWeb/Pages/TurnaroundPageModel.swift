import Foundation
import LightboxDomain

/// Reporting turnaround: each target's share reported in time (chart and table), by priority and patient
/// source, and what is unreported beyond the limit.
struct TurnaroundPageModel: PageModel {
    static let template = "statistics"
    var layout: LayoutModel
    var heading = "Reporting turnaround"
    var lede =
        "Exams performed in the period, from the exam to the report's issue (verified and sent). The share in time "
        + "counts reports still open once their target has passed as late."
    var form: StatisticsPeriodForm
    var hasReport: Bool
    var summary: [String]
    var chart: BarChart?
    var tables: [StatisticsTable]

    static let headers = [
        "Target", "Performed", "Reported", "In time", "Overdue, unreported", "Awaiting report", "Share in time",
        "Median", "90th centile",
    ]

    static func row(_ group: TurnaroundReport.Group) -> StatisticsTable.Row {
        StatisticsTable.Row(
            heading: group.label,
            cells: [
                group.target, "\(group.performed)", "\(group.reported)", "\(group.reportedWithinTarget)",
                "\(group.overdue)", "\(group.awaitingReport)", StatisticsFormat.percent(group.percentWithinTarget),
                StatisticsFormat.hours(group.medianHours), StatisticsFormat.hours(group.ninetiethPercentileHours),
            ], flagged: group.overdue > 0, note: group.overdue > 0 ? "\(group.overdue) overdue" : "")
    }

    init(layout: LayoutModel, form: StatisticsPeriodForm, report: TurnaroundReport?) {
        self.layout = layout
        self.form = form
        hasReport = report != nil
        guard let report else {
            summary = []
            tables = []
            return
        }
        summary =
            report.targets.map {
                "\($0.label): \(StatisticsFormat.percent($0.percentWithinTarget)) reported \($0.target) "
                    + "(\($0.reportedWithinTarget) of \($0.performed - $0.awaitingReport))."
            } + [
                "Unreported beyond \(report.unreportedLimitDays) days now: \(report.unreportedBeyondLimitTotal)."
            ]
        chart = BarChart(
            id: "turnaround-chart", title: "Share of reports issued within their target",
            summary: report.targets.map { "\($0.label) \(StatisticsFormat.percent($0.percentWithinTarget))" }
                .joined(separator: "; ") + ".",
            items: (report.targets + report.byPriority).map {
                BarChart.Item(
                    label: $0.label, value: $0.percentWithinTarget ?? 0,
                    valueText: StatisticsFormat.percent($0.percentWithinTarget), flagged: $0.overdue > 0)
            }, maximum: 100, markers: [(100, "100 %")])
        tables = [
            StatisticsTable(
                caption: "Against the department's targets", headers: Self.headers, rows: report.targets.map(Self.row)),
            StatisticsTable(caption: "By priority", headers: Self.headers, rows: report.byPriority.map(Self.row)),
            StatisticsTable(
                caption: "By patient source", headers: Self.headers, rows: report.byPatientSource.map(Self.row)),
            StatisticsTable(
                caption: "Unreported beyond \(report.unreportedLimitDays) days now, by modality", headers: ["Exams"],
                rows: report.unreportedBeyondLimit.map {
                    StatisticsTable.Row(
                        heading: $0.label, cells: ["\($0.count)"], flagged: true, note: "Over the limit")
                }, emptyText: "Nothing is unreported beyond the limit."),
        ]
    }
}
