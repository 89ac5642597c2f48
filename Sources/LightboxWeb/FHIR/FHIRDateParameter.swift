import Foundation
import LightboxDomain

/// A date search value with its prefix (FHIR R4 §3.1.1.4.2 "date", §3.1.1.4.1.1 prefixes). A value
/// stands for the range its precision implies (`1980` is all of 1980; a dateTime without seconds is
/// that whole minute); dates without a time zone are in the department's zone.
public struct FHIRDateParameter: Sendable, Equatable {
    /// Search prefixes; `ap` (approximately) is not supported.
    public enum Prefix: String, Sendable, CaseIterable {
        case eq, ne, gt, lt, ge, le, sa, eb
    }

    public var prefix: Prefix
    /// Start of the value's range (inclusive).
    public var start: Date
    /// End of the value's range (exclusive).
    public var end: Date
    /// A whole calendar day (`YYYY-MM-DD`) asked for with `eq`: stores can match it exactly.
    public var exactDay: CalendarDate?

    /// Parses `[prefix]value`; the error text names what is wrong.
    public init(_ text: String, timeZone: TimeZone) throws(OperationOutcome) {
        var body = Substring(text)
        var prefix = Prefix.eq
        if body.count >= 2, let found = Prefix(rawValue: String(body.prefix(2))) {
            prefix = found
            body = body.dropFirst(2)
        } else if body.hasPrefix("ap") {
            throw OperationOutcome(
                .badRequest, code: "not-supported", problemCode: "fhir.search-parameter",
                "The date prefix 'ap' (approximately) is not supported; use ge and le.")
        }
        guard let range = Self.range(String(body), timeZone: timeZone) else {
            throw OperationOutcome(
                .badRequest, code: "value", problemCode: "fhir.search-parameter",
                "'\(text)' is not a FHIR date: give YYYY, YYYY-MM, YYYY-MM-DD or a dateTime such as "
                    + "2026-03-02T10:00:00Z, optionally after a prefix (eq, ne, gt, lt, ge, le, sa, eb).")
        }
        self.prefix = prefix
        self.start = range.start
        self.end = range.end
        self.exactDay = prefix == .eq ? range.day : nil
    }

    /// Whether a target range `[targetStart, targetEnd)` matches (FHIR R4 §3.1.1.4.2 table of prefixes).
    public func matches(start targetStart: Date, end targetEnd: Date) -> Bool {
        let contains = start <= targetStart && targetEnd <= end
        switch prefix {
        case .eq: return contains
        case .ne: return !contains
        case .gt: return targetEnd > end
        case .lt: return targetStart < start
        case .ge: return targetEnd > end || contains || targetStart >= start
        case .le: return targetStart < start || contains || targetEnd <= end
        case .sa: return targetStart >= end
        case .eb: return targetEnd <= start
        }
    }

    /// Whether an instant matches (a point in time is a range of one millisecond).
    public func matches(_ instant: Date) -> Bool {
        matches(start: instant, end: instant.addingTimeInterval(0.001))
    }

    /// Whether a calendar day matches.
    public func matches(_ day: CalendarDate, timeZone: TimeZone) -> Bool {
        guard let range = Self.range(day.iso, timeZone: timeZone) else { return false }
        return matches(start: range.start, end: range.end)
    }

    /// The narrowest `[from, before)` window of instants that can match, for stores' indexed filters
    /// (nil bounds are open); `ne` can match anything.
    public var window: (from: Date?, before: Date?) {
        switch prefix {
        case .eq: return (start, end)
        case .ne: return (nil, nil)
        case .gt, .sa: return (end, nil)
        case .ge: return (start, nil)
        case .lt, .eb: return (nil, start)
        case .le: return (nil, end)
        }
    }

    static func range(_ text: String, timeZone: TimeZone) -> (start: Date, end: Date, day: CalendarDate?)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let digits = text.split(separator: "-", omittingEmptySubsequences: false)
        if !text.contains("T") {
            guard (1...3).contains(digits.count),
                digits.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
            else { return nil }
            guard digits[0].count == 4, digits.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
            let year = Int(digits[0]) ?? 0
            let month = digits.count > 1 ? Int(digits[1]) ?? 0 : 1
            let day = digits.count > 2 ? Int(digits[2]) ?? 0 : 1
            guard let calendarDay = try? CalendarDate(year: year, month: month, day: day) else { return nil }
            guard let start = calendar.date(from: DateComponents(year: year, month: month, day: day)) else {
                return nil
            }
            let unit: Calendar.Component = digits.count == 1 ? .year : digits.count == 2 ? .month : .day
            guard let end = calendar.date(byAdding: unit, value: 1, to: start) else { return nil }
            return (start, end, digits.count == 3 ? calendarDay : nil)
        }
        // dateTime: YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm]; without a zone, the department's.
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$"#
        guard let match = text.range(of: pattern, options: .regularExpression), match == text.startIndex..<text.endIndex
        else { return nil }
        let numbers = text.split(whereSeparator: { "-T:.Z+".contains($0) })
        guard numbers.count >= 5 else { return nil }
        let hasSeconds = text.split(separator: "T").last.map { $0.filter { $0 == ":" }.count >= 2 } ?? false
        var zone = timeZone
        if text.hasSuffix("Z") {
            zone = TimeZone(identifier: "UTC") ?? timeZone
        } else if let sign = text.dropFirst(16).firstIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = text[sign...]
            let parts = offset.dropFirst().split(separator: ":")
            guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), hours <= 14, minutes < 60
            else { return nil }
            let seconds = (hours * 3600 + minutes * 60) * (offset.first == "-" ? -1 : 1)
            guard let fixed = TimeZone(secondsFromGMT: seconds) else { return nil }
            zone = fixed
        }
        calendar.timeZone = zone
        guard let year = Int(numbers[0]), let month = Int(numbers[1]), let day = Int(numbers[2]),
            let hour = Int(numbers[3]), let minute = Int(numbers[4]), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60
        else { return nil }
        let second = hasSeconds && numbers.count > 5 ? Int(numbers[5]) ?? 0 : 0
        guard second < 60,
            let start = calendar.date(
                from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        else { return nil }
        let end = start.addingTimeInterval(hasSeconds ? 1 : 60)
        return (start, end, nil)
    }
}
