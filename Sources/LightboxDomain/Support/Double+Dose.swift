import Foundation

extension Double {
    /// At least `threshold`, forgiving the last bits of binary arithmetic (3.0 ÷ 0.3 is 10.000000000000002, and
    /// 0.1 × 3 is 0.30000000000000004): doses are never known to one part in a billion. With `exactly`, whether
    /// the two are equal within that tolerance.
    func atLeast(_ threshold: Double, exactly: Bool = false) -> Bool {
        let tolerance = 1e-9 * Swift.max(1, abs(threshold))
        return exactly ? abs(self - threshold) <= tolerance : self >= threshold - tolerance
    }

    /// A dose as it reads in arithmetic: at most three decimals, no trailing zeros ("0.3", "12.5", "3").
    var dose: String {
        let rounded = (self * 1000).rounded() / 1000
        if rounded.rounded() == rounded && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(format: "%.3f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
