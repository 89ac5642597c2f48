import Foundation
import LightboxDomain

/// Dose figures as the physicist's pages write them: four significant figures (0.105, 612.5, 1235), whole numbers
/// from 10,000, no trailing zeros.
enum DoseFormat {
    static func figure(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if abs(value) >= 10_000 { return String(format: "%.0f", value) }
        return String(format: "%.4g", value)
    }

    static func figure(_ value: Double?, _ metric: DoseMetric) -> String {
        value.map { "\(figure($0)) \(metric.unitLabel)" } ?? "–"
    }

    /// A ratio as a percentage of its level ("95 %").
    static func percent(_ ratio: Double?) -> String {
        ratio.map { String(format: "%.0f %%", $0 * 100) } ?? "–"
    }

    static func month(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "MMM yyyy"
        return formatter.string(from: date)
    }

    static func moment(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMM yyyy HH:mm"
        return formatter.string(from: date)
    }
}
