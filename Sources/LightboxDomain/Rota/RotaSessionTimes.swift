import Foundation

/// The clock times of the rota's sessions (DOMAIN.md "Service hours": 08:00 to 20:00 by default; departments that
/// open longer roster evenings and nights). Configuration: a department sets its own; the defaults are a morning
/// 08:00–13:00, an afternoon 13:00–18:00, an evening 18:00–22:00 and a night 22:00–08:00 (ending the next morning).
public struct RotaSessionTimes: Sendable, Codable, Equatable {
    /// One session's times, in minutes after local midnight; an end at or before the start is the next day's.
    public struct Span: Sendable, Codable, Equatable {
        public var start: Int
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        /// From `startHour`:00 to `endHour`:00.
        public init(_ startHour: Int, _ endHour: Int) {
            self.init(start: startHour * 60, end: endHour * 60)
        }

        /// The session runs past midnight into the next day.
        public var crossesMidnight: Bool { end <= start }

        /// When the session runs on `day`, in the department's time zone (the clock time, across a change to or from
        /// summer time too).
        public func interval(on day: CalendarDate, in zone: TimeZone) -> DateInterval {
            let calendar = CalendarDate.gregorian(zone)
            let midnight = day.start(in: zone)
            let from = calendar.date(byAdding: .minute, value: start, to: midnight) ?? midnight
            let endDay = crossesMidnight ? day.adding(days: 1).start(in: zone) : midnight
            let to = calendar.date(byAdding: .minute, value: end, to: endDay) ?? endDay
            return DateInterval(start: from, end: max(from, to))
        }

        /// "08:00–13:00".
        public var text: String { "\(Self.clock(start))–\(Self.clock(end))" }

        static func clock(_ minutes: Int) -> String {
            String(format: "%02d:%02d", minutes / 60, minutes % 60)
        }
    }

    public var morning: Span
    public var afternoon: Span
    public var evening: Span
    public var night: Span

    public init(
        morning: Span = Span(8, 13), afternoon: Span = Span(13, 18), evening: Span = Span(18, 22),
        night: Span = Span(22, 8)
    ) {
        self.morning = morning
        self.afternoon = afternoon
        self.evening = evening
        self.night = night
    }

    /// The times of `session`.
    public subscript(_ session: RotaSession) -> Span {
        switch session {
        case .morning: morning
        case .afternoon: afternoon
        case .evening: evening
        case .night: night
        }
    }
}
