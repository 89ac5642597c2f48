import Foundation

/// A date without a time (date of birth, last menstrual period), encoded "YYYY-MM-DD".
/// Kept apart from `Date` so that a birthday never shifts with a time zone.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(DomainError) {
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
            components.isValidDate(in: CalendarDate.gregorian(TimeZone(identifier: "UTC") ?? .current))
        else {
            throw DomainError(
                .validationFailed, "\(year)-\(month)-\(day) is not a real date.",
                fields: [FieldProblem("date", "is not a real date")])
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD".
    public init(iso text: String) throws(DomainError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw DomainError(
                .validationFailed, "\"\(text)\" is not a date in the form YYYY-MM-DD.",
                fields: [FieldProblem("date", "must be YYYY-MM-DD")])
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The calendar day of `date` in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        let parts = CalendarDate.gregorian(timeZone).dateComponents([.year, .month, .day], from: date)
        year = parts.year ?? 1970
        month = parts.month ?? 1
        day = parts.day ?? 1
    }

    public var iso: String {
        // Built by hand rather than with String(format:): every patient document and audit entry writes dates,
        // and Foundation's formatter costs more than the rest of the conversion.
        "\(Self.zeroPadded(year, 4))-\(Self.zeroPadded(month, 2))-\(Self.zeroPadded(day, 2))"
    }

    /// `value` in decimal with leading zeros to `width` digits (as `%0*d` for values that are not negative).
    static func zeroPadded(_ value: Int, _ width: Int) -> String {
        guard value >= 0 else { return String(format: "%0*d", width, value) }
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public var description: String { iso }

    /// Whole years from this date to `other` (age in completed years on `other`).
    public func years(until other: CalendarDate) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    /// Days from this date to `other` (negative if `other` is earlier).
    public func days(until other: CalendarDate) -> Int {
        let calendar = CalendarDate.gregorian(TimeZone(identifier: "UTC") ?? .current)
        guard let start = calendar.date(from: components), let end = calendar.date(from: other.components) else {
            return 0
        }
        return calendar.dateComponents([.day], from: start, to: end).day ?? 0
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private var components: DateComponents {
        DateComponents(year: year, month: month, day: day)
    }

    static func gregorian(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CalendarDate(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
