/// A dose-related quantity: the value as reported with its unit, and the same value in the
/// summary's canonical unit (Gy·cm², mGy, mGy·cm, s, MBq, kV, mA, mA·s, mm).
///
/// JSON: `{"value": 0.16, "unit": "Gy.cm2", "reportedValue": 1.6e-05, "reportedUnit": "Gy.m2"}`.
/// `value` is absent when the reported unit was missing, unknown or of the wrong kind: the
/// summary never guesses a unit.
public struct DoseQuantity: Sendable, Hashable, Codable {
    /// The value in `unit`; nil when it could not be converted.
    public var value: Double?
    /// The canonical UCUM unit: `Gy.cm2`, `mGy`, `mGy.cm`, `s`, `MBq`, `kV`, `mA`, `mA.s`, `mm`, `1`.
    public var unit: String
    /// The number as the source gave it.
    public var reportedValue: Double
    /// The unit code as the source gave it (`Gym2`, `dGy.cm2`…); nil when none was given.
    public var reportedUnit: String?

    /// Creates a quantity.
    public init(value: Double?, unit: String, reportedValue: Double, reportedUnit: String?) {
        self.value = value
        self.unit = unit
        self.reportedValue = reportedValue
        self.reportedUnit = reportedUnit
    }

    /// The canonical units of the summary, by kind.
    public enum Canonical: String, Sendable, CaseIterable {
        case doseAreaProduct = "Gy.cm2"
        case dose = "mGy"
        case doseLengthProduct = "mGy.cm"
        case time = "s"
        case activity = "MBq"
        case voltage = "kV"
        case current = "mA"
        case currentTimeProduct = "mA.s"
        case length = "mm"
        case number = "1"

        /// The unit as a `MeasurementUnit`.
        public var unit: MeasurementUnit {
            switch self {
            case .doseAreaProduct: MeasurementUnit(dimension: .doseArea, factor: 1e-4)
            case .dose: MeasurementUnit(dimension: .dose, factor: 1e-3)
            case .doseLengthProduct: MeasurementUnit(dimension: .doseLength, factor: 1e-5)
            case .time: MeasurementUnit(dimension: .time, factor: 1)
            case .activity: MeasurementUnit(dimension: .activity, factor: 1e6)
            case .voltage: MeasurementUnit(dimension: .voltage, factor: 1e3)
            case .current: MeasurementUnit(dimension: .current, factor: 1e-3)
            case .currentTimeProduct: MeasurementUnit(dimension: .charge, factor: 1e-3)
            case .length: MeasurementUnit(dimension: .length, factor: 1e-3)
            case .number: MeasurementUnit(dimension: .none, factor: 1)
            }
        }
    }

    /// Converts a reported value and unit code to `canonical`; `problem` says why `value` is nil.
    public static func convert(_ reportedValue: Double, unit code: String?, to canonical: Canonical)
        -> (quantity: DoseQuantity, problem: String?)
    {
        var converted: Double?
        var problem: String?
        if let code, !code.isEmpty {
            if let parsed = MeasurementUnit(ucum: code) {
                converted = parsed.convert(reportedValue, to: canonical.unit)
                if converted == nil {
                    problem = "unit '\(code)' is \(parsed.dimension), expected \(canonical.unit.dimension)"
                }
            } else {
                problem = "unknown unit '\(code)'"
            }
        } else {
            problem = "no unit given"
        }
        return (
            DoseQuantity(value: converted, unit: canonical.rawValue, reportedValue: reportedValue, reportedUnit: code),
            problem
        )
    }
}
