import Foundation

/// A range of acceptable values; either side may be open (noise has only an upper limit).
public struct QALimits: Sendable, Codable, Equatable {
    public var lower: Double?
    public var upper: Double?

    public init(lower: Double? = nil, upper: Double? = nil) {
        self.lower = lower
        self.upper = upper
    }

    /// A symmetric tolerance around an expected value.
    public static func around(_ expected: Double, _ tolerance: Double) -> QALimits {
        QALimits(lower: expected - tolerance, upper: expected + tolerance)
    }

    public func contains(_ value: Double) -> Bool {
        (lower.map { value >= $0 } ?? true) && (upper.map { value <= $0 } ?? true)
    }

    /// "−4 to 4", "at most 5", "at least 1".
    public var description: String {
        switch (lower, upper) {
        case (let lower?, let upper?): "\(lower.clean) to \(upper.clean)"
        case (let lower?, nil): "at least \(lower.clean)"
        case (nil, let upper?): "at most \(upper.clean)"
        case (nil, nil): "any value"
        }
    }
}
