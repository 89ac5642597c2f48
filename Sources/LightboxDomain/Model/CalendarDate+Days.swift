import Foundation

extension CalendarDate {
    /// The first moment of this day in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        CalendarDate.gregorian(timeZone).date(from: DateComponents(year: year, month: month, day: day))
            ?? Date(timeIntervalSince1970: 0)
    }

    /// The day `days` after this one (before it when negative).
    public func adding(days: Int) -> CalendarDate {
        let utc = TimeZone(identifier: "UTC") ?? .current
        let calendar = CalendarDate.gregorian(utc)
        let moved = calendar.date(byAdding: .day, value: days, to: start(in: utc)) ?? start(in: utc)
        return CalendarDate(moved, in: utc)
    }
}
