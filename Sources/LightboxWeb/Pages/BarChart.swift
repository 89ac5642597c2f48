import Foundation

/// A horizontal bar chart drawn as SVG by the `bar-chart` template: every position worked out here, every text
/// escaped by the template. The chart is an image with a title and a description (`role="img"`,
/// `aria-labelledby`); the page's table beside it holds the same figures as text.
struct BarChart: Sendable, Equatable {
    struct Bar: Sendable, Equatable {
        var label: String
        var valueText: String
        var y: Int
        var textY: Int
        var barWidth: Int
        var valueX: Int
        var flagged: Bool
    }

    /// A vertical line across the bars: a target or the edges of a band.
    struct Marker: Sendable, Equatable {
        var x: Int
        var label: String
        var labelY: Int
    }

    struct Item: Sendable, Equatable {
        var label: String
        var value: Double
        var valueText: String
        var flagged: Bool
    }

    var id: String
    var title: String
    var summary: String
    var viewWidth: Int
    var viewHeight: Int
    var labelX: Int
    var barX: Int
    var barHeight: Int
    var plotBottom: Int
    var bars: [Bar]
    var markers: [Marker]

    static let rowHeight = 28
    static let top = 8

    init(
        id: String, title: String, summary: String, items: [Item], maximum: Double? = nil,
        markers: [(value: Double, label: String)] = []
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        viewWidth = 720
        labelX = 232
        barX = 240
        barHeight = 18
        let plotWidth = 400.0
        let largest = max(maximum ?? 0, items.map(\.value).max() ?? 0, markers.map(\.value).max() ?? 0, 1)
        let scale = plotWidth / largest
        bars = items.enumerated().map { index, item in
            let y = Self.top + index * Self.rowHeight
            let width = Int((max(item.value, 0) * scale).rounded())
            return Bar(
                label: item.label, valueText: item.valueText, y: y, textY: y + 14, barWidth: width,
                valueX: 240 + width + 6, flagged: item.flagged)
        }
        plotBottom = Self.top + items.count * Self.rowHeight
        viewHeight = plotBottom + (markers.isEmpty ? 8 : 24)
        let bottom = plotBottom
        self.markers = markers.map { marker in
            Marker(x: 240 + Int((marker.value * scale).rounded()), label: marker.label, labelY: bottom + 16)
        }
    }
}
