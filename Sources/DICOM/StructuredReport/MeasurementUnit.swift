import Foundation

/// A unit of measure parsed from a UCUM code (PS3.16 CID 7181, <https://ucum.org>), as dose reports
/// use them: `Gy.m2`, `dGy.cm2`, `mGy.cm`, `uA.s`, `MBq`, `mCi`, `s`, `{events}`.
///
/// Parsing is lenient about the forms vendors actually write: missing multiplication dots
/// (`Gym2`, `mGycm`, `uAs`, `mAs`), `µ` for `u`, `^` before exponents and surrounding spaces.
public struct MeasurementUnit: Sendable, Hashable {
    /// Exponents of the base quantities this unit measures.
    public struct Dimension: Sendable, Hashable, CustomStringConvertible {
        /// Absorbed dose (gray).
        public var gray = 0
        /// Length (metre).
        public var metre = 0
        /// Time (second).
        public var second = 0
        /// Activity (becquerel).
        public var becquerel = 0
        /// Electric potential (volt).
        public var volt = 0
        /// Electric current (ampere).
        public var ampere = 0

        /// A dimensionless number (counts, ratios).
        public static let none = Dimension()
        /// Dose area product, Gy·m².
        public static let doseArea = Dimension(gray: 1, metre: 2)
        /// Absorbed dose or air kerma, Gy.
        public static let dose = Dimension(gray: 1)
        /// Dose length product, Gy·m.
        public static let doseLength = Dimension(gray: 1, metre: 1)
        /// Time, s.
        public static let time = Dimension(second: 1)
        /// Activity, Bq.
        public static let activity = Dimension(becquerel: 1)
        /// Tube voltage, V.
        public static let voltage = Dimension(volt: 1)
        /// Tube current, A.
        public static let current = Dimension(ampere: 1)
        /// Tube current–time product, A·s.
        public static let charge = Dimension(second: 1, ampere: 1)
        /// Length, m.
        public static let length = Dimension(metre: 1)

        public var description: String {
            let parts = [("Gy", gray), ("m", metre), ("s", second), ("Bq", becquerel), ("V", volt), ("A", ampere)]
            let text = parts.filter { $0.1 != 0 }.map { $0.1 == 1 ? $0.0 : "\($0.0)\($0.1)" }.joined(separator: ".")
            return text.isEmpty ? "1" : text
        }
    }

    /// The dimension.
    public var dimension: Dimension
    /// Multiply a value in this unit by `factor` to get it in SI base units (Gy, m, s, Bq, V, A).
    public var factor: Double

    /// Creates a unit.
    public init(dimension: Dimension, factor: Double) {
        self.dimension = dimension
        self.factor = factor
    }

    private static let prefixes: [(String, Double)] = [
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("c", 1e-2), ("d", 1e-1), ("k", 1e3), ("M", 1e6), ("G", 1e9),
    ]
    // Longer symbols first so `min` is not read as milli-`in` and `Gy` not as giga-`y`.
    private enum Base: Sendable { case gray, metre, second, becquerel, volt, ampere, none }
    private static let atoms: [(String, Double, Base)] = [
        ("min", 60, .second), ("Gy", 1, .gray), ("Bq", 1, .becquerel), ("Ci", 3.7e10, .becquerel),
        ("m", 1, .metre), ("s", 1, .second), ("h", 3600, .second), ("V", 1, .volt), ("A", 1, .ampere),
        ("%", 0.01, .none),
    ]

    /// Parses a UCUM unit code; nil when it is not a unit this parser knows.
    public init?(ucum code: String) {
        var text = Substring(
            code.replacingOccurrences(of: "µ", with: "u").replacingOccurrences(of: "μ", with: "u")
                .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "^", with: ""))
        // UCUM annotations in braces ({events}, {ratio}) are dimensionless labels.
        while let open = text.firstIndex(of: "{") {
            guard let close = text[open...].firstIndex(of: "}") else { return nil }
            text.removeSubrange(open...close)
        }
        var dimension = Dimension()
        var factor = 1.0
        var divide = false
        while !text.isEmpty {
            if text.first == "." || text.first == "*" {
                text = text.dropFirst()
                continue
            }
            if text.first == "/" {
                divide = true
                text = text.dropFirst()
                continue
            }
            if text.first == "1", !(text.dropFirst().first?.isNumber ?? false) {
                text = text.dropFirst()
                continue
            }
            guard let (atomFactor, base, rest) = Self.atom(text) else { return nil }
            text = rest
            var exponent = 1
            var digits = ""
            while let character = text.first, character.isNumber || (digits.isEmpty && character == "-") {
                digits.append(character)
                text = text.dropFirst()
            }
            if !digits.isEmpty {
                guard let value = Int(digits), abs(value) <= 4 else { return nil }
                exponent = value
            }
            if divide { exponent = -exponent }
            factor *= Self.power(atomFactor, exponent)
            switch base {
            case .gray: dimension.gray += exponent
            case .metre: dimension.metre += exponent
            case .second: dimension.second += exponent
            case .becquerel: dimension.becquerel += exponent
            case .volt: dimension.volt += exponent
            case .ampere: dimension.ampere += exponent
            case .none: break
            }
        }
        self.init(dimension: dimension, factor: factor)
    }

    /// One prefixed atom at the start of `text`: prefix+symbol is tried before a bare symbol, so
    /// `ms` is milliseconds and `mm` millimetres, while `m2` and `min` still read as metre² and minute.
    private static func atom(_ text: Substring) -> (Double, Base, Substring)? {
        for (prefix, prefixFactor) in prefixes where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            for (symbol, atomFactor, base) in atoms where symbol != "%" && symbol != "min" && rest.hasPrefix(symbol) {
                return (prefixFactor * atomFactor, base, rest.dropFirst(symbol.count))
            }
        }
        for (symbol, atomFactor, base) in atoms where text.hasPrefix(symbol) {
            return (atomFactor, base, text.dropFirst(symbol.count))
        }
        return nil
    }

    private static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= base }
        return exponent < 0 ? 1 / result : result
    }

    /// Converts a value in this unit to `target` (nil when the dimensions differ).
    public func convert(_ value: Double, to target: MeasurementUnit) -> Double? {
        guard dimension == target.dimension else { return nil }
        // Factors are decimal (powers of ten, 60, 3.7e10): round the ratio to 12 digits and divide
        // by its exact inverse when below one, so 40 mGy.mm gives 4 mGy.cm, not 3.9999999999999996.
        let ratio = Self.rounded(factor / target.factor)
        if ratio >= 1 { return value * ratio }
        let inverse = Self.rounded(1 / ratio)
        return inverse == inverse.rounded() ? value / inverse : value * ratio
    }

    private static func rounded(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let scale = power(10, 11 - Int(log10(abs(value)).rounded(.down)))
        return (value * scale).rounded() / scale
    }
}
