import Foundation

/// The value of one threshold: a single number (`value`) or an inclusive range (`lower`…`upper`).
/// Which shape a threshold takes, and whether it must be whole, is its `Threshold.Kind`.
public struct ThresholdValue: Sendable, Codable, Equatable {
    public var value: Double?
    public var lower: Double?
    public var upper: Double?

    public init(value: Double? = nil, lower: Double? = nil, upper: Double? = nil) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }

    public static func single(_ value: Double) -> ThresholdValue { ThresholdValue(value: value) }
    public static func range(_ lower: Double, _ upper: Double) -> ThresholdValue {
        ThresholdValue(lower: lower, upper: upper)
    }

    /// How it reads in an audit entry or a message (`10`, `12…55`).
    public var text: String {
        if let value { return value.clean }
        return "\(lower?.clean ?? "?")…\(upper?.clean ?? "?")"
    }
}
