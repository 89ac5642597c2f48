import Foundation
import LightboxDomain

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
