import Foundation

/// A histogram drawn as SVG by the `histogram-chart` template: one vertical bar per bin with its count in its text
/// and title, and vertical lines at the median and the reference levels.
struct HistogramChart: Sendable, Equatable {
    struct Bar: Sendable, Equatable {
        var x: Int
        var y: Int
        var width: Int
        var height: Int
        var countY: Int
        var centre: Int
        var count: Int
        var title: String
    }

    struct Edge: Sendable, Equatable {
        var x: Int
        var label: String
    }

    struct Marker: Sendable, Equatable {
        var kind: String
        var x: Int
        var labelY: Int
        var label: String
    }

    var id: String
    var title: String
    var summary: String
    var viewWidth = 720
    var viewHeight = 320
    var left = 40
    var bottom = 250
    var edgeY = 268
    var bars: [Bar]
    var edges: [Edge]
    var markers: [Marker]

    /// `bins` as (lower, upper, count); markers as (kind, value, label).
    init(
        id: String, title: String, summary: String, bins: [(lower: Double, upper: Double, count: Int)],
        markers: [(kind: String, value: Double, label: String)], unit: String, format: (Double) -> String
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        let (left, right, top, bottom) = (40, 700, 24, 250)
        let lowest = bins.first?.lower ?? 0
        let highest = bins.last?.upper ?? 1
        let span = highest > lowest ? highest - lowest : 1
        func x(_ value: Double) -> Int { left + Int(((value - lowest) / span * Double(right - left)).rounded()) }
        let tallest = max(bins.map(\.count).max() ?? 0, 1)
        bars = bins.map { bin in
            let height = Int((Double(bin.count) / Double(tallest) * Double(bottom - top)).rounded())
            let start = x(bin.lower)
            let width = max(x(bin.upper) - start - 2, 1)
            return Bar(
                x: start + 1, y: bottom - height, width: width, height: height, countY: bottom - height - 4,
                centre: start + 1 + width / 2, count: bin.count,
                title:
                    "\(format(bin.lower)) to \(format(bin.upper)) \(unit): \(bin.count) \(bin.count == 1 ? "exam" : "exams")"
            )
        }
        edges =
            bins.map { Edge(x: x($0.lower), label: format($0.lower)) }
            + (bins.last.map { [Edge(x: x($0.upper), label: format($0.upper))] } ?? [])
        self.markers = markers.enumerated().map { index, marker in
            Marker(
                kind: marker.kind, x: min(max(x(marker.value), left), right), labelY: 290 + 14 * index,
                label: marker.label)
        }
    }
}
