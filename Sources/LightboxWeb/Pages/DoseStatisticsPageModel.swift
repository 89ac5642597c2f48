import Foundation
import LightboxDomain

/// The DRL statistics page (`/dose/statistics`): the median dose per exam type and room over a period against the
/// national and the local DRL, as a chart of each median's share of its level and as a table whose rows open the
/// exam type's trend, distribution and outliers.
struct DoseStatisticsPageModel: PageModel {
    static let template = "dose-statistics"

    struct Row: Sendable, Equatable {
        var examType: String
        var room: String
        var metric: String
        var exams: String
        var median: String
        var national: String
        var local: String
        var share: String
        var flagged: Bool
        var note: String
        var href: String
    }

    var layout: LayoutModel
    var form: StatisticsPeriodForm
    var hasReport: Bool
    var summary: [String]
    var chart: BarChart?
    var rows: [Row]
    var hasRows: Bool

    init(layout: LayoutModel, form: StatisticsPeriodForm, report: DoseOverviewReport?) {
        self.layout = layout
        self.form = form
        hasReport = report != nil
        guard let report else {
            summary = []
            rows = []
            hasRows = false
            return
        }
        let period = "from=\(Self.encode(form.from))&to=\(Self.encode(form.to))"
        rows = report.rows.map { row in
            var query = "examCode=\(Self.encode(row.examCode))&metric=\(row.metric.rawValue)&\(period)"
            if let room = row.groupID { query += "&roomID=\(room.uuidString)" }
            return Row(
                examType: "\(row.examName) (\(row.examCode))", room: row.groupName, metric: row.metric.label,
                exams: "\(row.exams)", median: DoseFormat.figure(row.median, row.metric),
                national: DoseFormat.figure(row.national, row.metric), local: DoseFormat.figure(row.local, row.metric),
                share: DoseFormat.percent(row.ratio), flagged: row.aboveReferenceLevel,
                note: row.aboveReferenceLevel
                    ? "Median above the \(row.local == nil ? "national" : "local") DRL"
                    : (row.ratio == nil ? "No DRL set" : ""),
                href: "/dose/statistics/exam?" + query)
        }
        hasRows = !rows.isEmpty
        let judged = report.rows.filter { $0.ratio != nil }
        summary = [
            "\(report.rows.count) exam types and rooms with dose figures; \(judged.count) have a DRL to compare with.",
            "\(report.rows.filter(\.aboveReferenceLevel).count) medians are above the DRL they are judged against "
                + "(the local DRL where one is set, else the national).",
        ]
        chart =
            judged.isEmpty
            ? nil
            : BarChart(
                id: "drl-share-chart", title: "Median dose as a share of its DRL, per exam type and room",
                summary: "Each bar is a median as a percentage of its local DRL, or of the national DRL where no "
                    + "local one is set; medians above their DRL are in red; the line marks 100 %.",
                items: judged.map { row in
                    BarChart.Item(
                        label: "\(row.examCode) · \(row.groupName) · \(row.metric.label)",
                        value: (row.ratio ?? 0) * 100, valueText: DoseFormat.percent(row.ratio),
                        flagged: row.aboveReferenceLevel)
                }, markers: [(100, "100 %")])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? ""
    }
}
