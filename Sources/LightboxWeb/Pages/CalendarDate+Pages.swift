import Foundation
import LightboxDomain

extension CalendarDate {
    /// The day `days` after this one (before, when negative).
    func adding(days: Int) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            let moved = calendar.date(byAdding: .day, value: days, to: start)
        else { return self }
        return CalendarDate(moved, in: calendar.timeZone)
    }
}

extension PageFormat {
    /// Midnight at the start of `day` and of the next day, in the department's zone.
    func bounds(of day: CalendarDate) -> (start: Date, end: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start =
            calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 0)) ?? Date()
        return (start, calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86400))
    }
}
