import Foundation

/// A line chart of a monthly median against reference levels, drawn as SVG by the `trend-chart` template: one
/// point per month with its median in its text and title, the national DRL as a dashed line across, the local
/// DRL as a step per month (it can change), every position worked out here and every text escaped by the template.
struct TrendChart: Sendable, Equatable {
    struct Point: Sendable, Equatable {
        var label: String
        var x: Int
        var labelY: Int
        var hasMedian: Bool
        var y: Int
        var valueY: Int
        var valueText: String
        var title: String
        var flagged: Bool
    }

    struct Level: Sendable, Equatable {
        var kind: String
        var x1: Int
        var x2: Int
        var y: Int
        var title: String
        var anchor = "start"
    }

    struct Tick: Sendable, Equatable {
        var y: Int
        var textY: Int
        var label: String
    }

    /// One month's figures.
    struct Month: Sendable, Equatable {
        var label: String
        var median: Double?
        var exams: Int
        var local: Double?
    }

    var id: String
    var title: String
    var summary: String
    var viewWidth = 720
    var viewHeight = 300
    var left = 72
    var right = 700
    var top = 16
    var bottom = 250
    var points: [Point]
    var line: String
    var hasLine: Bool
    var levels: [Level]
    var levelLabels: [Level]
    var ticks: [Tick]

    init(
        id: String, title: String, summary: String, months: [Month], national: Double?, unit: String,
        format: (Double) -> String
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        let largest = max(
            months.compactMap(\.median).max() ?? 0, national ?? 0, months.compactMap(\.local).max() ?? 0)
        let scaleTop = largest > 0 ? largest * 1.15 : 1
        let (top, bottom, left, right) = (16, 250, 72, 700)
        func y(_ value: Double) -> Int { bottom - Int(((value / scaleTop) * Double(bottom - top)).rounded()) }
        let step = months.isEmpty ? 0 : Double(right - left) / Double(months.count)
        func x(_ index: Int) -> Int { left + Int((step * (Double(index) + 0.5)).rounded()) }
        points = months.enumerated().map { index, month in
            let pointY = month.median.map(y) ?? bottom
            let level = month.local ?? national
            let text = month.median.map(format) ?? ""
            return Point(
                label: month.label, x: x(index), labelY: bottom + 20, hasMedian: month.median != nil, y: pointY,
                valueY: pointY - 10, valueText: text,
                title: month.median.map {
                    "\(month.label): median \(format($0)) \(unit) of \(month.exams) "
                        + (month.exams == 1 ? "exam" : "exams")
                }
                    ?? "\(month.label): no exams",
                flagged: month.median.map { median in level.map { median > $0 } ?? false } ?? false)
        }
        let drawn = points.filter(\.hasMedian)
        line = drawn.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        hasLine = drawn.count > 1
        var levels: [Level] = []
        var labels: [Level] = []
        if let national {
            let title = "National DRL \(format(national)) \(unit)"
            levels.append(Level(kind: "national", x1: left, x2: right, y: y(national), title: title))
            labels.append(
                Level(kind: "national", x1: right, x2: right, y: y(national) - 4, title: title, anchor: "end"))
        }
        var lastLocal: Double?
        for (index, month) in months.enumerated() {
            guard let local = month.local else { continue }
            let title = "Local DRL \(format(local)) \(unit)"
            let start = left + Int((step * Double(index)).rounded())
            let end = left + Int((step * Double(index + 1)).rounded())
            levels.append(Level(kind: "local", x1: start, x2: end, y: y(local), title: title))
            if local != lastLocal {
                labels.append(Level(kind: "local", x1: start, x2: start, y: y(local) + 14, title: title))
            }
            lastLocal = local
        }
        self.levels = levels
        levelLabels = labels
        ticks = [0.0, 0.5, 1.0].map { fraction in
            let value = scaleTop * fraction
            return Tick(y: y(value), textY: y(value) + 4, label: format(value))
        }
    }
}
