import Foundation

/// The dose register's numbers, each a threshold (`/api/thresholds`, "dose.…") with this default.
/// Sources of the defaults: the cumulative fluoroscopy levels are OpenREM's shipped high-dose alert
/// defaults (total DAP 20,000 cGy·cm² = 200 Gy·cm², total dose at the reference point 2 Gy, over 12
/// weeks); the peak skin dose level is the Society of Interventional Radiology's substantial
/// radiation dose level (3 Gy; Stecker et al., JVIR 2009). The plausible ranges are sanity limits for
/// typed figures, not clinical advice.
public struct DoseThresholds: Sendable, Codable, Equatable {
    /// An exam whose figure is above this multiple of its DRL raises an alert (1: above the DRL).
    public var referenceLevelAlertMultiple: Double
    /// Two sources disagreeing by more than this, per cent of the larger, are flagged (10 %).
    public var sourceDisagreementPercent: Double
    /// A proposed local DRL is the median of a room's last N exams of a type (N = 50).
    public var localLevelSampleSize: Int
    /// Cumulative alerts sum the patient's exams over this many days (84: 12 weeks).
    public var cumulativeWindowDays: Int
    /// Cumulative fluoroscopy DAP threshold, Gy·cm² (200).
    public var cumulativeDoseAreaProductGyCm2: Double
    /// Cumulative dose at the reference point, mGy (2,000).
    public var cumulativeReferencePointDoseMilligray: Double
    /// Cumulative peak skin dose, mGy (3,000).
    public var cumulativePeakSkinDoseMilligray: Double
    /// Plausible ranges of typed figures; anything outside is refused as a likely unit error.
    public var plausibleDoseAreaProductGyCm2: ClosedRange<Double>
    public var plausibleReferencePointDoseMilligray: ClosedRange<Double>
    public var plausibleFluoroscopySeconds: ClosedRange<Double>
    public var plausibleKilovolts: ClosedRange<Double>
    public var plausibleMilliampereSeconds: ClosedRange<Double>
    public var plausibleCTDIVolMilligray: ClosedRange<Double>
    public var plausibleDLPMilligrayCm: ClosedRange<Double>
    public var plausibleAverageGlandularDoseMilligray: ClosedRange<Double>
    public var plausibleAdministeredActivityMBq: ClosedRange<Double>

    public init(
        referenceLevelAlertMultiple: Double = 1, sourceDisagreementPercent: Double = 10,
        localLevelSampleSize: Int = 50, cumulativeWindowDays: Int = 84, cumulativeDoseAreaProductGyCm2: Double = 200,
        cumulativeReferencePointDoseMilligray: Double = 2000, cumulativePeakSkinDoseMilligray: Double = 3000,
        plausibleDoseAreaProductGyCm2: ClosedRange<Double> = 0...1000,
        plausibleReferencePointDoseMilligray: ClosedRange<Double> = 0...20000,
        plausibleFluoroscopySeconds: ClosedRange<Double> = 0...14400,
        plausibleKilovolts: ClosedRange<Double> = 20...150,
        plausibleMilliampereSeconds: ClosedRange<Double> = 0...2000,
        plausibleCTDIVolMilligray: ClosedRange<Double> = 0...300,
        plausibleDLPMilligrayCm: ClosedRange<Double> = 0...20000,
        plausibleAverageGlandularDoseMilligray: ClosedRange<Double> = 0...50,
        plausibleAdministeredActivityMBq: ClosedRange<Double> = 0...20000
    ) {
        self.referenceLevelAlertMultiple = referenceLevelAlertMultiple
        self.sourceDisagreementPercent = sourceDisagreementPercent
        self.localLevelSampleSize = localLevelSampleSize
        self.cumulativeWindowDays = cumulativeWindowDays
        self.cumulativeDoseAreaProductGyCm2 = cumulativeDoseAreaProductGyCm2
        self.cumulativeReferencePointDoseMilligray = cumulativeReferencePointDoseMilligray
        self.cumulativePeakSkinDoseMilligray = cumulativePeakSkinDoseMilligray
        self.plausibleDoseAreaProductGyCm2 = plausibleDoseAreaProductGyCm2
        self.plausibleReferencePointDoseMilligray = plausibleReferencePointDoseMilligray
        self.plausibleFluoroscopySeconds = plausibleFluoroscopySeconds
        self.plausibleKilovolts = plausibleKilovolts
        self.plausibleMilliampereSeconds = plausibleMilliampereSeconds
        self.plausibleCTDIVolMilligray = plausibleCTDIVolMilligray
        self.plausibleDLPMilligrayCm = plausibleDLPMilligrayCm
        self.plausibleAverageGlandularDoseMilligray = plausibleAverageGlandularDoseMilligray
        self.plausibleAdministeredActivityMBq = plausibleAdministeredActivityMBq
    }

    public static let `default` = DoseThresholds()
}
