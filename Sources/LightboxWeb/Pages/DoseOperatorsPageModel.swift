import Foundation
import LightboxDomain

/// Dose per operator (`/dose/operators`, managers and the clinical scientist): per exam type and figure, each
/// operator's median and number of exams against the DRL, as a bar chart with the DRL marked and as a table.
struct DoseOperatorsPageModel: PageModel {
    static let template = "dose-operators"

    struct Group: Sendable, Equatable {
        var heading: String
        var chart: BarChart
        var rows: [Row]
    }

    struct Row: Sendable, Equatable {
        var operatorName: String
        var exams: String
        var median: String
        var share: String
        var flagged: Bool
        var note: String
    }

    var layout: LayoutModel
    var form: StatisticsPeriodForm
    var hasReport: Bool
    var groups: [Group]
    var hasGroups: Bool

    init(layout: LayoutModel, form: StatisticsPeriodForm, report: DoseOperatorReport?) {
        self.layout = layout
        self.form = form
        hasReport = report != nil
        struct Key: Hashable {
            var code: String
            var metric: DoseMetric
        }
        var order: [Key] = []
        var grouped: [Key: [DoseMedianReport.Row]] = [:]
        for row in report?.rows ?? [] {
            let key = Key(code: row.examCode, metric: row.metric)
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(row)
        }
        groups = order.enumerated().compactMap { index, key in
            guard let rows = grouped[key], let first = rows.first else { return nil }
            let metric = key.metric
            let level = first.local ?? first.national
            let levelText =
                first.local.map { "local DRL \(DoseFormat.figure($0, metric))" }
                ?? first.national.map { "national DRL \(DoseFormat.figure($0, metric))" } ?? "no DRL set"
            return Group(
                heading: "\(first.examName) (\(first.examCode)): \(metric.label), \(levelText)",
                chart: BarChart(
                    id: "operator-chart-\(index)", title: "Median \(metric.label) per operator, \(first.examName)",
                    summary: "Each operator's median \(metric.label) (\(metric.unitLabel)); medians above the DRL "
                        + "are in red" + (level == nil ? "." : "; the line marks the DRL."),
                    items: rows.map { row in
                        BarChart.Item(
                            label: row.groupName, value: row.median,
                            valueText: "\(DoseFormat.figure(row.median)) (\(row.exams) exams)",
                            flagged: row.aboveReferenceLevel)
                    },
                    markers: level.map { [(value: $0, label: "DRL \(DoseFormat.figure($0))")] } ?? []),
                rows: rows.map { row in
                    Row(
                        operatorName: row.groupName, exams: "\(row.exams)",
                        median: DoseFormat.figure(row.median, metric), share: DoseFormat.percent(row.ratio),
                        flagged: row.aboveReferenceLevel, note: row.aboveReferenceLevel ? "Median above the DRL" : "")
                })
        }
        hasGroups = !groups.isEmpty
    }
}
