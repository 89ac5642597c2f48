import Foundation

/// The units a person may type a dose figure in, per metric, with the factor to the register's unit
/// (DOMAIN.md "Dose": DAP is stored in Gy·cm² and converted from dGy·cm², cGy·cm², mGy·cm² on
/// import). Unit codes are UCUM (`Gy.cm2`, `uGy.m2` …).
public enum DoseUnit {
    /// Unit code → factor to the metric's unit.
    public static func factors(for metric: DoseMetric) -> [String: Double] {
        switch metric {
        case .doseAreaProduct, .doseAreaProductPerRadiograph:
            ["Gy.cm2": 1, "dGy.cm2": 0.1, "cGy.cm2": 0.01, "mGy.cm2": 0.001, "uGy.m2": 0.01, "Gy.m2": 10_000]
        case .referencePointDose, .ctdiVol, .averageGlandularDose, .peakSkinDose:
            ["mGy": 1, "Gy": 1000, "uGy": 0.001, "dGy": 100]
        case .fluoroscopyTime: ["s": 1, "min": 60]
        case .dlp: ["mGy.cm": 1, "Gy.cm": 1000]
        case .administeredActivity: ["MBq": 1, "GBq": 1000, "kBq": 0.001, "mCi": 37, "uCi": 0.037]
        }
    }

    /// `value` in `unit` converted to the metric's unit, or nil when the unit is not one of its units.
    public static func convert(_ value: Double, unit: String, to metric: DoseMetric) -> Double? {
        factors(for: metric)[unit.trimmed].map { value * $0 }
    }
}
