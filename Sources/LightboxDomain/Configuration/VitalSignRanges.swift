import Foundation

/// The normal range of each vital sign: a value outside it alerts the supervising radiographer.
/// The defaults are NEWS2's score-0 bands (Royal College of Physicians, National Early Warning
/// Score 2, 2017, chart 1, SpO₂ scale 1).
public struct VitalSignRanges: Sendable, Codable, Equatable {
    /// Breaths per minute (12-20).
    public var respiratoryRate: ClosedRange<Int>
    /// Oxygen saturation, lowest normal % (96).
    public var oxygenSaturationAtLeast: Int
    /// Systolic blood pressure, mmHg (111-219).
    public var systolicPressure: ClosedRange<Int>
    /// Beats per minute (51-90).
    public var pulse: ClosedRange<Int>
    /// °C (36.1-38.0).
    public var temperature: ClosedRange<Double>

    public init(
        respiratoryRate: ClosedRange<Int> = 12...20, oxygenSaturationAtLeast: Int = 96,
        systolicPressure: ClosedRange<Int> = 111...219, pulse: ClosedRange<Int> = 51...90,
        temperature: ClosedRange<Double> = 36.1...38.0
    ) {
        self.respiratoryRate = respiratoryRate
        self.oxygenSaturationAtLeast = oxygenSaturationAtLeast
        self.systolicPressure = systolicPressure
        self.pulse = pulse
        self.temperature = temperature
    }

    /// NEWS2's score-0 bands.
    public static let news2ScoreZero = VitalSignRanges()
}
