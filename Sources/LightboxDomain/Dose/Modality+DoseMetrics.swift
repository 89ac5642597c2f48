import Foundation

extension Modality {
    /// The figures a modality's exams are charted and compared by (DOMAIN.md "Dose"): CT by CTDIvol and DLP per
    /// exam, radiography by DAP per radiograph, fluoroscopy and interventional by DAP, dose at the reference point
    /// and fluoroscopy time, mammography by average glandular dose, nuclear medicine by administered activity.
    public var doseMetrics: [DoseMetric] {
        switch self {
        case .CT: [.ctdiVol, .dlp]
        case .CR, .DX: [.doseAreaProductPerRadiograph]
        case .RF, .XA: [.doseAreaProduct, .referencePointDose, .fluoroscopyTime]
        case .MG: [.averageGlandularDose]
        case .NM: [.administeredActivity]
        case .US, .MR: []
        }
    }

    /// The modalities charted by `metric` (the inverse of `doseMetrics`).
    public static func charted(by metric: DoseMetric) -> [Modality] {
        allCases.filter { $0.doseMetrics.contains(metric) }
    }
}

extension DoseMetric {
    /// The figures the statistics chart, in the order pages list them.
    public static let charted: [DoseMetric] = [
        .ctdiVol, .dlp, .doseAreaProductPerRadiograph, .doseAreaProduct, .referencePointDose, .fluoroscopyTime,
        .averageGlandularDose, .administeredActivity,
    ]

    /// Position in `charted` (for sorting).
    public var order: Int { Self.charted.firstIndex(of: self) ?? Self.charted.count }
}
