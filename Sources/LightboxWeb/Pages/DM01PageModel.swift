import Foundation
import LightboxDomain

/// The DM01 waiting census: the headline share against the target, the waiting list by weeks waited (chart and
/// table) and by modality.
struct DM01PageModel: PageModel {
    static let template = "statistics"
    var layout: LayoutModel
    var heading = "DM01 diagnostic waiting"
    var lede: String
    var form: StatisticsPeriodForm
    var hasReport: Bool
    var summary: [String]
    var chart: BarChart?
    var tables: [StatisticsTable]

    init(layout: LayoutModel, form: StatisticsPeriodForm, report: DM01Report?) {
        self.layout = layout
        self.form = form
        lede =
            "Everyone requested and not yet examined is waiting, counted in whole days from the day of the request "
            + "to the census day."
        hasReport = report != nil
        guard let report else {
            summary = []
            tables = []
            return
        }
        let over = "\(report.waitWeeks) weeks or more"
        summary = [
            "\(report.waiting) exams waiting on \(report.censusDay.iso); \(report.waitingAtOrOverTarget) "
                + "(\(StatisticsFormat.percent(report.percentAtOrOverTarget ?? 0))) have waited \(over).",
            "Target: under \(StatisticsFormat.number(report.targetPercent)) %. "
                + (report.meetsTarget ? "Met." : "Not met."),
        ]
        chart = BarChart(
            id: "dm01-chart", title: "Exams waiting by whole weeks waited on \(report.censusDay.iso)",
            summary:
                "\(report.waiting) exams waiting; \(report.waitingAtOrOverTarget) at or over the \(report.waitWeeks)-week "
                + "target (bars in red).",
            items: report.bands.map {
                BarChart.Item(
                    label: $0.label, value: Double($0.waiting), valueText: "\($0.waiting)", flagged: $0.overTarget)
            })
        tables = [
            StatisticsTable(
                caption: "Waiting by modality", headers: ["Waiting", "Waited \(over)", "Share", "Against the target"],
                rows: report.modalities.map { row in
                    let breach = (row.percentAtOrOverTarget ?? 0) >= report.targetPercent
                    return StatisticsTable.Row(
                        heading: row.label,
                        cells: [
                            "\(row.waiting)", "\(row.waitingAtOrOverTarget)",
                            StatisticsFormat.percent(row.percentAtOrOverTarget),
                        ], flagged: breach, note: breach ? "Over the target" : "Within the target")
                }, emptyText: "Nobody is waiting."),
            StatisticsTable(
                caption: "Waiting by whole weeks waited", headers: ["Waiting"],
                rows: report.bands.map {
                    StatisticsTable.Row(
                        heading: $0.label, cells: ["\($0.waiting)"], flagged: $0.overTarget && $0.waiting > 0,
                        note: $0.overTarget ? "At or over \(report.waitWeeks) weeks" : "")
                }),
        ]
    }
}
