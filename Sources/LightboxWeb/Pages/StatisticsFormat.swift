import Foundation

/// Numbers as the statistics pages show them.
enum StatisticsFormat {
    static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.1f %%", value)
    }

    /// A setting as people write it: 1, 2.5 (no trailing zeros).
    static func number(_ value: Double) -> String {
        value.pageClean
    }

    static func hours(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value < 48 ? String(format: "%.1f hours", value) : String(format: "%.1f days", value / 24)
    }

    static func day(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }
}
