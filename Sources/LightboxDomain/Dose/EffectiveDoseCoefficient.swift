import Foundation

/// A conversion coefficient from a dose figure the register holds to effective dose (ICRP 103 §4.3.5),
/// for one kind of irradiation and one body region or exam code. Effective dose is a population-risk
/// quantity: an estimate from a coefficient is indicative, for comparing exams and summing a patient's
/// history, never a patient's own organ dose.
public struct EffectiveDoseCoefficient: Sendable, Codable, Equatable, Hashable {
    /// CT (multiplies the total DLP), projection X-ray (the total DAP), mammography (the mean of the two
    /// breasts' average glandular dose), nuclear medicine (the administered activity).
    public var procedure: DoseProcedure
    /// The catalogue body region it applies to (nil when it names an exam code instead).
    public var bodyRegion: BodyRegion?
    /// One exam code's own coefficient, preferred over its body region's.
    public var examCode: String?
    /// mSv per unit of ``metric``: per mGy·cm of DLP, per Gy·cm² of DAP, per mGy of glandular dose, per MBq.
    public var milliSievertPerUnit: Double
    /// The published table it comes from.
    public var source: String

    public init(
        procedure: DoseProcedure, bodyRegion: BodyRegion? = nil, examCode: String? = nil,
        milliSievertPerUnit: Double, source: String
    ) {
        self.procedure = procedure
        self.bodyRegion = bodyRegion
        self.examCode = examCode
        self.milliSievertPerUnit = milliSievertPerUnit
        self.source = source
    }

    /// The figure the coefficient multiplies.
    public var metric: DoseMetric {
        switch procedure {
        case .ct: .dlp
        case .projection: .doseAreaProduct
        case .mammography: .averageGlandularDose
        case .nuclearMedicine: .administeredActivity
        }
    }

    /// The coefficient's unit as people write it ("mSv per mGy·cm").
    public var unitLabel: String { "mSv per \(metric.unitLabel)" }
}
