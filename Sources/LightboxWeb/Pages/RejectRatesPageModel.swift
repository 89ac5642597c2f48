import Foundation
import LightboxDomain

/// Reject rates per room and operator against the department's band (both too high and too low are flagged).
struct RejectRatesPageModel: PageModel {
    static let template = "statistics"
    var layout: LayoutModel
    var heading = "Reject rates"
    var lede =
        "Rejected images per 100 acquired, for the exams performed in the period. A rate above the band calls for a "
        + "review of technique and equipment; a rate below it usually means rejects are not being recorded."
    var form: StatisticsPeriodForm
    var hasReport: Bool
    var summary: [String]
    var chart: BarChart?
    var tables: [StatisticsTable]

    static func row(_ row: RejectRateReport.Row) -> StatisticsTable.Row {
        StatisticsTable.Row(
            heading: row.name,
            cells: [
                "\(row.exams)", "\(row.imagesAcquired)", "\(row.imagesRejected)",
                StatisticsFormat.percent(row.ratePercent),
            ], flagged: row.flag == .aboveBand || row.flag == .belowBand, note: row.flagLabel)
    }

    init(layout: LayoutModel, form: StatisticsPeriodForm, report: RejectRateReport?) {
        self.layout = layout
        self.form = form
        hasReport = report != nil
        guard let report else {
            summary = []
            tables = []
            return
        }
        let band = "\(StatisticsFormat.number(report.lowPercent)) to \(StatisticsFormat.number(report.highPercent)) %"
        summary = [
            "Whole department: \(StatisticsFormat.percent(report.department.ratePercent)) "
                + "(\(report.department.imagesRejected) of \(report.department.imagesAcquired) images). Band: \(band).",
            "\(report.rooms.filter { $0.flag == .aboveBand || $0.flag == .belowBand }.count) rooms and "
                + "\(report.operators.filter { $0.flag == .aboveBand || $0.flag == .belowBand }.count) operators "
                + "outside the band.",
        ]
        let rows = report.rooms.map { ("Room: " + $0.name, $0) } + report.operators.map { ("Operator: " + $0.name, $0) }
        chart = BarChart(
            id: "reject-chart", title: "Reject rate per room and operator",
            summary: "Rates outside the \(band) band are in red; the lines mark the band.",
            items: rows.map { label, row in
                BarChart.Item(
                    label: label, value: row.ratePercent ?? 0, valueText: StatisticsFormat.percent(row.ratePercent),
                    flagged: row.flag == .aboveBand || row.flag == .belowBand)
            },
            markers: [
                (report.lowPercent, "\(StatisticsFormat.number(report.lowPercent)) %"),
                (report.highPercent, "\(StatisticsFormat.number(report.highPercent)) %"),
            ])
        let headers = ["Exams", "Images acquired", "Images rejected", "Reject rate", "Against the band"]
        tables = [
            StatisticsTable(caption: "Per room", headers: headers, rows: report.rooms.map(Self.row)),
            StatisticsTable(caption: "Per operator", headers: headers, rows: report.operators.map(Self.row)),
        ]
    }
}
