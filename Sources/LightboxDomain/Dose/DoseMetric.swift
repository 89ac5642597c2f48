import Foundation

/// A dose figure the register compares, alerts on and charts, with its unit.
public enum DoseMetric: String, Sendable, Codable, CaseIterable {
    case doseAreaProduct = "dap"
    /// DAP per radiograph: the total over the number of exposures (radiography DRLs are per radiograph).
    case doseAreaProductPerRadiograph = "dap-per-radiograph"
    case referencePointDose = "reference-point-dose"
    case fluoroscopyTime = "fluoroscopy-time"
    case ctdiVol = "ctdivol"
    case dlp
    case averageGlandularDose = "agd"
    case administeredActivity = "administered-activity"
    case peakSkinDose = "peak-skin-dose"

    /// UCUM unit.
    public var unit: String {
        switch self {
        case .doseAreaProduct, .doseAreaProductPerRadiograph: "Gy.cm2"
        case .referencePointDose, .ctdiVol, .averageGlandularDose, .peakSkinDose: "mGy"
        case .fluoroscopyTime: "s"
        case .dlp: "mGy.cm"
        case .administeredActivity: "MBq"
        }
    }

    /// The unit as people write it.
    public var unitLabel: String {
        switch self {
        case .doseAreaProduct, .doseAreaProductPerRadiograph: "Gy·cm²"
        case .referencePointDose, .ctdiVol, .averageGlandularDose, .peakSkinDose: "mGy"
        case .fluoroscopyTime: "s"
        case .dlp: "mGy·cm"
        case .administeredActivity: "MBq"
        }
    }

    public var label: String {
        switch self {
        case .doseAreaProduct: "Dose area product"
        case .doseAreaProductPerRadiograph: "Dose area product per radiograph"
        case .referencePointDose: "Dose at the reference point"
        case .fluoroscopyTime: "Fluoroscopy time"
        case .ctdiVol: "CTDIvol"
        case .dlp: "DLP"
        case .averageGlandularDose: "Average glandular dose"
        case .administeredActivity: "Administered activity"
        case .peakSkinDose: "Peak skin dose"
        }
    }

    /// This quantity's value in `totals` (AGD: the higher breast).
    public func value(in totals: DoseRecordTotals) -> Double? {
        switch self {
        case .doseAreaProduct: totals.doseAreaProductGyCm2
        case .doseAreaProductPerRadiograph:
            totals.doseAreaProductGyCm2.flatMap { dap in
                guard let count = totals.numberOfExposures, count > 0 else { return nil }
                return dap / Double(count)
            }
        case .referencePointDose: totals.referencePointDoseMilligray
        case .fluoroscopyTime: totals.fluoroscopySeconds
        case .ctdiVol: totals.ctdiVolMilligray
        case .dlp: totals.dlpMilligrayCm
        case .averageGlandularDose: totals.averageGlandularDose.map(\.milligray).max()
        case .administeredActivity: totals.administeredActivityMBq
        case .peakSkinDose: totals.peakSkinDoseMilligray
        }
    }
}
