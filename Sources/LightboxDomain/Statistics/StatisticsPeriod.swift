import Foundation

/// The exams performed from one moment (inclusive) until another (exclusive), at most a year and a day apart
/// so that one statistic never reads without bound.
public struct StatisticsPeriod: Sendable, Equatable, Codable {
    public var from: Date
    public var before: Date

    /// The longest period one statistic covers (366 days).
    public static let maximumDays = 366

    public init(from: Date, before: Date) throws(DomainError) {
        guard from < before else {
            throw DomainError(
                .validationFailed, "The period must end after it starts.",
                fields: [FieldProblem("to", "must be after from")])
        }
        guard before.timeIntervalSince(from) <= Double(Self.maximumDays) * 86_400 + 3_600 else {
            throw DomainError(
                .validationFailed, "A statistic covers at most \(Self.maximumDays) days; choose a shorter period.",
                fields: [FieldProblem("to", "must be at most \(Self.maximumDays) days after from")])
        }
        self.from = from
        self.before = before
    }

    /// The calendar days `first` to `last` (inclusive) in `timeZone`.
    public init(first: CalendarDate, last: CalendarDate, in timeZone: TimeZone) throws(DomainError) {
        guard first <= last else {
            throw DomainError(
                .validationFailed, "The period must end on or after the day it starts.",
                fields: [FieldProblem("to", "must be on or after from")])
        }
        try self.init(from: first.start(in: timeZone), before: last.adding(days: 1).start(in: timeZone))
    }

    /// The calendar month before the one holding `moment` (the month a monthly return covers).
    public static func previousMonth(of moment: Date, in timeZone: TimeZone) -> StatisticsPeriod {
        let today = CalendarDate(moment, in: timeZone)
        let lastMonth = today.month == 1 ? (today.year - 1, 12) : (today.year, today.month - 1)
        return month(year: lastMonth.0, month: lastMonth.1, in: timeZone)
    }

    /// One calendar month in `timeZone` (the caller gives a valid month, 1 to 12).
    public static func month(year: Int, month: Int, in timeZone: TimeZone) -> StatisticsPeriod {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start =
            calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date(timeIntervalSince1970: 0)
        let end = calendar.date(byAdding: .month, value: 1, to: start) ?? start.addingTimeInterval(31 * 86_400)
        // A calendar month is never empty nor longer than the maximum, so this cannot fail.
        return (try? StatisticsPeriod(from: start, before: end)) ?? StatisticsPeriod(unchecked: start, end)
    }

    private init(unchecked from: Date, _ before: Date) {
        self.from = from
        self.before = before
    }
}
