import Foundation

extension Double {
    /// Rounded to `places` decimal places (for figures shown to people; stored values are never rounded).
    func rounded(to places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
