import Foundation
import LightboxDomain

/// The period of a statistic as pages and the API take it: `from` and `to` calendar days (YYYY-MM-DD, both
/// included) in the department's time zone; by default this month up to today.
struct StatisticsPeriodQuery: Sendable, Equatable {
    var first: CalendarDate
    var last: CalendarDate

    init(from: String?, to: String?, now: Date, timeZone: TimeZone) throws {
        let today = CalendarDate(now, in: timeZone)
        var errors: [Problem.FieldError] = []
        func day(_ name: String, _ raw: String?) -> CalendarDate? {
            guard let raw else { return nil }
            do {
                return try CalendarDate(iso: raw)
            } catch {
                errors.append(.init(field: name, problem: "must be a date as YYYY-MM-DD"))
                return nil
            }
        }
        let first = day("from", from)
        let last = day("to", to)
        if !errors.isEmpty { throw Problem.invalid("The period is wrong.", errors: errors) }
        self.last = last ?? today
        self.first = first ?? (try? CalendarDate(year: self.last.year, month: self.last.month, day: 1)) ?? self.last
    }

    func period(in timeZone: TimeZone) throws(DomainError) -> StatisticsPeriod {
        try StatisticsPeriod(first: first, last: last, in: timeZone)
    }

    /// The query string that names this period (for CSV links and charts).
    var queryString: String { "from=\(first.iso)&to=\(last.iso)" }
}
