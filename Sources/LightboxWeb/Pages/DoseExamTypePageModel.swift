import Foundation
import LightboxDomain

/// One exam type in one room (`/dose/statistics/exam`): the monthly median against the national and local DRL, the
/// distribution (quartiles and histogram) and the outliers, each chart with its table.
struct DoseExamTypePageModel: PageModel {
    static let template = "dose-exam-type"

    struct MonthRow: Sendable, Equatable {
        var month: String
        var exams: String
        var median: String
        var local: String
        var flagged: Bool
    }

    struct Figure: Sendable, Equatable {
        var label: String
        var value: String
    }

    struct BinRow: Sendable, Equatable {
        var range: String
        var exams: String
    }

    struct OutlierRow: Sendable, Equatable {
        var href: String
        var performed: String
        var operatorName: String
        var value: String
        var share: String
    }

    struct MetricLink: Sendable, Equatable {
        var label: String
        var href: String
        var current: Bool
    }

    var layout: LayoutModel
    var heading: String
    var action: String
    var examCode: String
    var roomID: String
    var metric: String
    var from: String
    var to: String
    var error: String?
    var hasReport: Bool
    var metricLinks: [MetricLink]
    var levels: [Figure]
    var trend: TrendChart?
    var months: [MonthRow]
    var distribution: [Figure]
    var hasDistribution: Bool
    var histogram: HistogramChart?
    var bins: [BinRow]
    var outliers: [OutlierRow]
    var hasOutliers: Bool
    var outlierNote: String

    init(
        layout: LayoutModel, query: (examCode: String, roomID: String, metric: String, from: String, to: String),
        error: String?, report: DoseExamTypeReport?, metrics: [DoseMetric], timeZone: TimeZone
    ) {
        self.layout = layout
        action = "/dose/statistics/exam"
        examCode = query.examCode
        roomID = query.roomID
        self.metric = query.metric
        from = query.from
        to = query.to
        self.error = error
        hasReport = report != nil
        let base =
            "/dose/statistics/exam?examCode=\(DoseStatisticsPageModel.encode(query.examCode))"
            + (query.roomID.isEmpty ? "" : "&roomID=\(DoseStatisticsPageModel.encode(query.roomID))")
            + "&from=\(DoseStatisticsPageModel.encode(query.from))&to=\(DoseStatisticsPageModel.encode(query.to))"
        metricLinks = metrics.map {
            MetricLink(label: $0.label, href: base + "&metric=\($0.rawValue)", current: $0.rawValue == query.metric)
        }
        guard let report else {
            heading = "Dose of one exam type"
            levels = []
            months = []
            distribution = []
            hasDistribution = false
            bins = []
            outliers = []
            hasOutliers = false
            outlierNote = ""
            return
        }
        let metric = report.metric
        let unit = metric.unitLabel
        heading =
            "\(report.examName) (\(report.examCode)) in \(report.roomID == nil ? "every room" : report.roomName): "
            + metric.label
        levels = [
            Figure(label: "National DRL", value: DoseFormat.figure(report.national, metric)),
            Figure(label: "Local DRL in force", value: DoseFormat.figure(report.local, metric)),
        ]
        let monthLabels = report.months.map { DoseFormat.month($0.from, in: timeZone) }
        trend = TrendChart(
            id: "dose-trend", title: "Monthly median \(metric.label) of \(report.examName), \(unit)",
            summary: "The median of each month's exams (a point per month, red when above the DRL in force), the "
                + "national DRL (dashed) and the local DRL in force each month (solid).",
            months: zip(monthLabels, report.months).map { label, month in
                TrendChart.Month(label: label, median: month.median, exams: month.exams, local: month.local)
            }, national: report.national, unit: unit, format: DoseFormat.figure)
        months = zip(monthLabels, report.months).map { label, month in
            let level = month.local ?? report.national
            return MonthRow(
                month: label, exams: "\(month.exams)", median: DoseFormat.figure(month.median, metric),
                local: DoseFormat.figure(month.local, metric),
                flagged: month.median.map { median in level.map { median > $0 } ?? false } ?? false)
        }
        if let found = report.distribution {
            hasDistribution = true
            distribution = [
                Figure(label: "Exams", value: "\(found.exams)"),
                Figure(label: "Lowest", value: DoseFormat.figure(found.minimum, metric)),
                Figure(label: "Lower quartile", value: DoseFormat.figure(found.lowerQuartile, metric)),
                Figure(label: "Median", value: DoseFormat.figure(found.median, metric)),
                Figure(label: "Upper quartile", value: DoseFormat.figure(found.upperQuartile, metric)),
                Figure(label: "Highest", value: DoseFormat.figure(found.maximum, metric)),
                Figure(label: "Outlier fence (Q3 + 1.5 × IQR)", value: DoseFormat.figure(found.upperFence, metric)),
            ]
            var markers: [(kind: String, value: Double, label: String)] = [
                ("median", found.median, "Median \(DoseFormat.figure(found.median))")
            ]
            if let national = report.national {
                markers.append(("national", national, "National DRL \(DoseFormat.figure(national))"))
            }
            if let local = report.local {
                markers.append(("local", local, "Local DRL \(DoseFormat.figure(local))"))
            }
            histogram = HistogramChart(
                id: "dose-histogram", title: "Distribution of \(metric.label) of \(report.examName), \(unit)",
                summary: "How many exams fall in each band of \(metric.label), with the median and the DRLs marked.",
                bins: report.bins.map { ($0.lower, $0.upper, $0.exams) }, markers: markers, unit: unit,
                format: DoseFormat.figure)
            outlierNote =
                "Exams above \(DoseFormat.figure(found.upperFence, metric)) (the upper quartile plus 1.5 times the "
                + "interquartile range), highest first, at most \(ViewDoseStatistics.outlierLimit)."
        } else {
            hasDistribution = false
            distribution = []
            outlierNote = ""
        }
        bins = report.bins.map {
            BinRow(
                range: "\(DoseFormat.figure($0.lower)) to \(DoseFormat.figure($0.upper)) \(unit)",
                exams: "\($0.exams)")
        }
        let level = report.local ?? report.national
        outliers = report.outliers.map { outlier in
            OutlierRow(
                href: "/exams/\(outlier.figure.examID.uuidString)",
                performed: DoseFormat.moment(outlier.figure.performedAt, in: timeZone),
                operatorName: outlier.operatorName, value: DoseFormat.figure(outlier.figure.value, metric),
                share: DoseFormat.percent(level.flatMap { $0 > 0 ? outlier.figure.value / $0 : nil }))
        }
        hasOutliers = !outliers.isEmpty
    }
}
