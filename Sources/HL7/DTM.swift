/// DTM: date/time `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]` (HL7 v2.5.1 §2.A.22), keeping the
/// precision it was sent with and its UTC offset. TS (§2.A.77) is a DTM in its first component.
public struct DTM: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How much of the value was sent.
    public enum Precision: Int, Sendable, Hashable, Comparable {
        case year = 4, month = 6, day = 8, hour = 10, minute = 12, second = 14, fraction = 15
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Fractional seconds as sent (1 to 4 digits), e.g. `"25"` for .25 s.
    public var fraction: String?
    /// UTC offset in minutes (`+0100` → 60), nil when the sender gave none (local time of the sender).
    public var utcOffsetMinutes: Int?
    public var precision: Precision

    public init(
        year: Int, month: Int = 1, day: Int = 1, hour: Int = 0, minute: Int = 0, second: Int = 0,
        fraction: String? = nil, utcOffsetMinutes: Int? = nil, precision: Precision = .second
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fraction = fraction
        self.utcOffsetMinutes = utcOffsetMinutes
        self.precision = precision
    }

    /// Parses DTM text.
    /// - Throws: `.dataType` naming what is wrong.
    public init(_ text: String) throws(HL7Error) {
        let s = Array(text.utf8)
        func fail(_ why: String) -> HL7Error { HL7Error(.dataType, "'\(text)' is not a valid DTM: \(why)") }
        var body = s[...]
        var offset: Int?
        if let signIndex = s.firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
            let z = s[(signIndex + 1)...]
            guard z.count == 4, let hh = DTM.number(z.prefix(2)), let mm = DTM.number(z.suffix(2)), hh <= 14, mm <= 59
            else { throw fail("time zone offset must be +/-HHMM") }
            offset = (hh * 60 + mm) * (s[signIndex] == UInt8(ascii: "-") ? -1 : 1)
            body = s[..<signIndex]
        }
        var fraction: String?
        if let dot = body.firstIndex(of: UInt8(ascii: ".")) {
            let f = body[(dot + 1)...]
            guard dot - body.startIndex == 14 else { throw fail("fractional seconds need seconds") }
            guard (1...4).contains(f.count), DTM.number(f) != nil else { throw fail("fraction must be 1 to 4 digits") }
            fraction = String(decoding: f, as: UTF8.self)
            body = body[..<dot]
        }
        guard [4, 6, 8, 10, 12, 14].contains(body.count) else { throw fail("\(body.count) digits; expected 4 to 14") }
        guard let year = DTM.number(body.prefix(4)) else { throw fail("year is not numeric") }
        func part(_ at: Int, _ range: ClosedRange<Int>, _ name: String, default d: Int) throws(HL7Error) -> Int {
            let start = body.startIndex + at
            guard start + 2 <= body.endIndex else { return d }
            guard let v = DTM.number(body[start..<(start + 2)]), range.contains(v) else {
                throw fail("\(name) out of range")
            }
            return v
        }
        let month = try part(4, 1...12, "month", default: 1)
        let day = try part(6, 1...31, "day", default: 1)
        let hour = try part(8, 0...23, "hour", default: 0)
        let minute = try part(10, 0...59, "minute", default: 0)
        let second = try part(12, 0...60, "second", default: 0)
        if body.count >= 8 {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            guard day <= days else { throw fail("day \(day) does not exist in month \(month)") }
        }
        let precision: Precision = fraction != nil ? .fraction : Precision(rawValue: body.count) ?? .year
        self.init(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: fraction,
            utcOffsetMinutes: offset, precision: precision)
    }

    /// Reads the DTM in component 1 of a TS/DTM field; nil when empty.
    /// - Throws: `.dataType` when present but malformed.
    public init?(_ field: Field) throws(HL7Error) {
        guard let text = field.part(1).text else { return nil }
        try self.init(text)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for d in digits {
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int(d - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : v
    }

    /// The value in HL7 form at its own precision, e.g. `20240131143000+0100`.
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = String(year)
        while s.count < 4 { s = "0" + s }
        if precision >= .month { s += two(month) }
        if precision >= .day { s += two(day) }
        if precision >= .hour { s += two(hour) }
        if precision >= .minute { s += two(minute) }
        if precision >= .second { s += two(second) }
        if precision == .fraction, let fraction { s += "." + fraction }
        if let off = utcOffsetMinutes {
            let a = abs(off)
            s += (off < 0 ? "-" : "+") + two(a / 60) + two(a % 60)
        }
        return s
    }

    /// Seconds since 1970-01-01T00:00:00Z when the offset is known (fraction included), else nil.
    public var secondsSince1970: Double? {
        guard let off = utcOffsetMinutes else { return nil }
        return Double(localSecondsSince1970 - off * 60) + fractionSeconds
    }

    private var fractionSeconds: Double {
        guard let fraction, let v = Double("0." + fraction) else { return 0 }
        return v
    }

    /// Seconds since 1970 reading the fields as if they were UTC (days from civil, Howard Hinnant's algorithm).
    var localSecondsSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + hour * 3600 + minute * 60 + second
    }

    /// Orders by instant when both offsets are known, else by the written fields.
    public static func < (a: DTM, b: DTM) -> Bool {
        if let x = a.secondsSince1970, let y = b.secondsSince1970 { return x < y }
        return (a.localSecondsSince1970, a.fractionSeconds) < (b.localSecondsSince1970, b.fractionSeconds)
    }
}
