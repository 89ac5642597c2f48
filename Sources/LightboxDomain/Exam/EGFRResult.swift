import Foundation

/// An estimated glomerular filtration rate (mL/min/1.73 m²) and when the blood was taken.
public struct EGFRResult: Sendable, Codable, Equatable {
    public var value: Double
    public var measuredAt: Date

    public init(value: Double, measuredAt: Date) {
        self.value = value
        self.measuredAt = measuredAt
    }
}
