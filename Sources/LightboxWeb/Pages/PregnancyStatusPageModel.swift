import Foundation
import LightboxDomain

/// The share of exams with a recorded pregnancy status where the enquiry applies, per exam.
struct PregnancyStatusPageModel: PageModel {
    static let template = "statistics"
    var layout: LayoutModel
    var heading = "Pregnancy status recorded"
    var lede =
        "Exams performed in the period where the pregnancy enquiry applies (a pregnancy-relevant exam, a patient who "
        + "may be pregnant, within the enquiry ages), and how many have a recorded status."
    var form: StatisticsPeriodForm
    var hasReport: Bool
    var summary: [String]
    var chart: BarChart?
    var tables: [StatisticsTable]

    init(layout: LayoutModel, form: StatisticsPeriodForm, report: PregnancyRecordingReport?) {
        self.layout = layout
        self.form = form
        hasReport = report != nil
        guard let report else {
            summary = []
            tables = []
            return
        }
        summary = [
            "\(report.recorded) of \(report.applicable) exams (\(StatisticsFormat.percent(report.percentRecorded))) have "
                + "a recorded pregnancy status.",
            "Target: \(StatisticsFormat.number(report.targetPercent)) %. " + (report.meetsTarget ? "Met." : "Not met."),
        ]
        chart = BarChart(
            id: "pregnancy-chart", title: "Pregnancy status recorded, per exam",
            summary: "Exams below the \(StatisticsFormat.number(report.targetPercent)) % target are in red.",
            items: report.exams.map {
                BarChart.Item(
                    label: $0.name, value: $0.percentRecorded ?? 0,
                    valueText: StatisticsFormat.percent($0.percentRecorded),
                    flagged: ($0.percentRecorded ?? 100) < report.targetPercent)
            }, maximum: 100,
            markers: [(report.targetPercent, "Target \(StatisticsFormat.number(report.targetPercent)) %")])
        tables = [
            StatisticsTable(
                caption: "Per exam", headers: ["Code", "Enquiry applies", "Status recorded", "Share"],
                rows: report.exams.map {
                    let below = ($0.percentRecorded ?? 100) < report.targetPercent
                    return StatisticsTable.Row(
                        heading: $0.name,
                        cells: [
                            $0.examCode, "\($0.applicable)", "\($0.recorded)",
                            StatisticsFormat.percent($0.percentRecorded),
                        ],
                        flagged: below, note: below ? "Below the target" : "")
                }, emptyText: "No exam in the period needed the enquiry.")
        ]
    }
}
