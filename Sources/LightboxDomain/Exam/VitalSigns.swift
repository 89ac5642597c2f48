import Foundation

/// One set of observations (DOMAIN.md "Vital signs and deterioration"), with when and by whom.
/// Every value is optional so a partial set can be recorded; at least one must be given.
public struct VitalSigns: Sendable, Codable, Equatable {
    /// Breaths per minute.
    public var respiratoryRate: Int?
    /// Oxygen saturation, %.
    public var oxygenSaturation: Int?
    /// Breathing supplemental oxygen (NEWS2 scores it 2).
    public var onSupplementalOxygen: Bool?
    /// mmHg.
    public var systolicPressure: Int?
    /// mmHg.
    public var diastolicPressure: Int?
    /// Beats per minute.
    public var pulse: Int?
    /// °C.
    public var temperature: Double?
    /// ACVPU: the patient is alert (false: new confusion, or responds only to voice or pain, or unresponsive).
    public var alert: Bool?
    public var measuredAt: Date
    /// The staff member who measured; the person recording when not given.
    public var measuredBy: UUID?

    public init(
        respiratoryRate: Int? = nil, oxygenSaturation: Int? = nil, onSupplementalOxygen: Bool? = nil,
        systolicPressure: Int? = nil, diastolicPressure: Int? = nil, pulse: Int? = nil, temperature: Double? = nil,
        alert: Bool? = nil, measuredAt: Date, measuredBy: UUID? = nil
    ) {
        self.respiratoryRate = respiratoryRate
        self.oxygenSaturation = oxygenSaturation
        self.onSupplementalOxygen = onSupplementalOxygen
        self.systolicPressure = systolicPressure
        self.diastolicPressure = diastolicPressure
        self.pulse = pulse
        self.temperature = temperature
        self.alert = alert
        self.measuredAt = measuredAt
        self.measuredBy = measuredBy
    }

    /// Whether any observation was given.
    public var isEmpty: Bool {
        respiratoryRate == nil && oxygenSaturation == nil && systolicPressure == nil && diastolicPressure == nil
            && pulse == nil && temperature == nil && alert == nil
    }
}
