import Foundation

/// Dates as the administration forms read and write them: whole days (`YYYY-MM-DD`) in the department's time zone.
enum PageDates {
    /// The start of the day `text` names, or nil when it names none (2026-02-30 included).
    static func parse(_ text: String, _ timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
            let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: date) == parts[2], calendar.component(.month, from: date) == parts[1]
        else { return nil }
        return date
    }

    /// `YYYY-MM-DD` of `date` in `timeZone`.
    static func iso(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
