import Foundation
import LightboxDomain

extension PageFormat {
    /// "Mon 2 Mar 2026": a day of the calendar as the desk reads it.
    func dayName(_ day: CalendarDate) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM yyyy"
        return formatter.string(from: bounds(of: day).start)
    }

    /// "2026-03-02T09:30": a moment as an HTML `datetime-local` value in the department's time, the form
    /// `ExamActionCommands.time` reads back.
    func inputValue(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    /// The Monday of `day`'s week (weeks start on Monday in the NHS).
    func monday(of day: CalendarDate) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let weekday = (calendar.component(.weekday, from: bounds(of: day).start) + 5) % 7
        return day.adding(days: -weekday)
    }
}
