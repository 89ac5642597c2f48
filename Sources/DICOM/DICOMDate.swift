/// A date (DA, `YYYYMMDD`; also the date part of DT). PS3.5 §6.2.
public struct DICOMDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date; nil when out of range.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYYMMDD` (and the ACR-NEMA form `YYYY.MM.DD`, which pydicom also accepts).
    public init?(_ text: String) {
        let digits = text.trimmingDICOMPadding().filter { $0 != "." }
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let year = Int(digits.prefix(4)),
            let month = Int(digits.dropFirst(4).prefix(2)), let day = Int(digits.suffix(2))
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYYMMDD`.
    public var description: String {
        String(year).leftPadded(4) + String(month).leftPadded(2) + String(day).leftPadded(2)
    }

    public static func < (lhs: DICOMDate, rhs: DICOMDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A time of day (TM, `HHMMSS.FFFFFF` with optional trailing parts). PS3.5 §6.2.
public struct DICOMTime: Sendable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Microseconds.
    public var microsecond: Int

    /// Creates a time; nil when out of range (60 seconds allowed for leap seconds).
    public init?(hour: Int, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (0...999_999).contains(microsecond)
        else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
    }

    /// Parses `HH`, `HHMM`, `HHMMSS`, `HHMMSS.F…` (and `HH:MM:SS`, an ACR-NEMA form).
    public init?(_ text: String) {
        let trimmed = text.trimmingDICOMPadding().filter { $0 != ":" }
        let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let main = parts.first, [2, 4, 6].contains(main.count), main.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let digits = Array(main)
        func number(_ index: Int) -> Int {
            index * 2 + 1 < digits.count ? Int(String(digits[index * 2...index * 2 + 1])) ?? 0 : 0
        }
        var micro = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...6).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(fraction.padding(toLength: 6, withPad: "0", startingAt: 0))
            else { return nil }
            micro = value
        }
        self.init(hour: number(0), minute: number(1), second: number(2), microsecond: micro)
    }

    public var description: String {
        String(hour).leftPadded(2) + String(minute).leftPadded(2) + String(second).leftPadded(2)
            + (microsecond > 0 ? "." + String(microsecond).leftPadded(6) : "")
    }
}

/// A date and time (DT, `YYYYMMDDHHMMSS.FFFFFF&ZZXX`). PS3.5 §6.2.
public struct DICOMDateTime: Sendable, Hashable {
    public var date: DICOMDate
    public var time: DICOMTime?
    /// Offset from UTC in minutes, when given.
    public var utcOffsetMinutes: Int?

    /// Parses a DT value (year alone, up to full precision with offset).
    public init?(_ text: String) {
        var body = text.trimmingDICOMPadding()
        var offset: Int?
        if let signIndex = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = body[body.index(after: signIndex)...]
            guard zone.count == 4, let hours = Int(zone.prefix(2)), let minutes = Int(zone.suffix(2)) else {
                return nil
            }
            offset = (hours * 60 + minutes) * (body[signIndex] == "-" ? -1 : 1)
            body = String(body[..<signIndex])
        }
        let dateDigits = String(body.prefix(8))
        let year = Int(dateDigits.prefix(4)) ?? 0
        let month = dateDigits.count >= 6 ? Int(dateDigits.dropFirst(4).prefix(2)) ?? 0 : 1
        let day = dateDigits.count >= 8 ? Int(dateDigits.dropFirst(6).prefix(2)) ?? 0 : 1
        guard dateDigits.count >= 4, let date = DICOMDate(year: year, month: month, day: day) else { return nil }
        self.date = date
        let rest = String(body.dropFirst(8))
        if rest.isEmpty {
            time = nil
        } else {
            guard let time = DICOMTime(rest) else { return nil }
            self.time = time
        }
        utcOffsetMinutes = offset
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
