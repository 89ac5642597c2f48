import Foundation

/// How long a request has waited for its diagnostic test, as DM01 counts it (DOMAIN.md "Numbers the department is
/// judged on": patients waiting 6 weeks or more from request): whole calendar days from the day of the request to
/// the day of the census, in the department's time zone. A wait of `diagnosticWaitWeeks` weeks or more (42 days
/// by default; `>=`, not `>`) counts against the target. The one rule for the DM01 census, the waiting list and
/// every page that shows a wait.
public struct DiagnosticWait: Sendable, Equatable {
    /// Whole days waited.
    public var days: Int
    /// The target in days (`diagnosticWaitWeeks` × 7).
    public var targetDays: Int
    /// The warning point in days (`diagnosticWaitWarningWeeks` × 7, never past the target).
    public var warningDays: Int

    /// Whole weeks waited (DM01 counts completed weeks).
    public var weeks: Int { days / 7 }
    /// At or past the target: counts against DM01.
    public var breached: Bool { days >= targetDays }
    /// At or past the warning point, still under the target.
    public var nearing: Bool { !breached && days >= warningDays }

    /// The wait of a request made at `requestedAt`, on the day of `now`.
    public init(requestedAt: Date, now: Date, configuration: DepartmentConfiguration) {
        let zone = configuration.timeZone
        days = max(0, CalendarDate(requestedAt, in: zone).days(until: CalendarDate(now, in: zone)))
        targetDays = configuration.diagnosticWaitWeeks * 7
        warningDays = min(configuration.diagnosticWaitWarningWeeks, configuration.diagnosticWaitWeeks) * 7
    }

    /// The first moment a request must precede to have waited `days` days or more on `censusDay`: the start of
    /// the day `days` − 1 days before the census day's next day, so a store counts a band with one comparison.
    public static func requestedBefore(days: Int, censusDay: CalendarDate, in timeZone: TimeZone) -> Date {
        censusDay.adding(days: 1 - days).start(in: timeZone)
    }
}
