import Foundation

/// The department's effective dose coefficients and the windows a patient's cumulative dose is summed
/// over (configuration `effectiveDoseCoefficients`; the medical physics expert replaces the defaults with
/// the department's own). The defaults and their sources are in `docs/dose-register.md`:
/// - CT: DLP-to-E coefficients (k, mSv per mGy·cm) for adults by body region, AAPM Report 96 (2008),
///   Table 4, from the European Guidelines on Quality Criteria for CT (EUR 16262) and Shrimpton,
///   NRPB-W67 (2004);
/// - projection X-ray: indicative adult DAP-to-E coefficients (mSv per Gy·cm²) by body region, of the
///   order of the UK national reviews' typical effective doses over their typical DAPs (Hart et al.,
///   HPA-CRCE-012, 2010); a department should replace them with its own (e.g. PCXMC);
/// - mammography: the ICRP 103 tissue weighting factor of the breast (0.12) times the mean glandular dose
///   over both breasts.
/// Nuclear medicine has no default: coefficients depend on the radiopharmaceutical (ICRP 128) and are set
/// per exam code.
public struct EffectiveDoseCoefficients: Sendable, Codable, Equatable {
    public var coefficients: [EffectiveDoseCoefficient]
    /// A patient's cumulative dose is summed over each of these windows before now, in days (365 and
    /// 1,825: the last year and five years), besides every exam on record.
    public var cumulativeWindowsDays: [Int]
    /// Below this age (completed years) at the exam, an estimate from an adult coefficient is flagged as
    /// likely too low (16: the coefficients are for adults).
    public var adultFromAgeYears: Int

    public init(
        coefficients: [EffectiveDoseCoefficient] = EffectiveDoseCoefficients.publishedDefaults,
        cumulativeWindowsDays: [Int] = [365, 1825],
        adultFromAgeYears: Int = 16
    ) {
        self.coefficients = coefficients
        self.cumulativeWindowsDays = cumulativeWindowsDays
        self.adultFromAgeYears = adultFromAgeYears
    }

    public static let aapm96 =
        "AAPM Report 96 (2008), Table 4: adult k-factor (from EUR 16262 and NRPB-W67)"
    public static let indicativeDAP =
        "Indicative adult DAP-to-E coefficient (UK national review, HPA-CRCE-012, 2010): replace with local values"
    public static let icrp103Breast = "ICRP 103 (2007): breast tissue weighting factor 0.12 × mean glandular dose"

    /// The shipped coefficients (sources above and in `docs/dose-register.md`).
    public static let publishedDefaults: [EffectiveDoseCoefficient] = {
        let ct: [(BodyRegion, Double)] = [
            (.head, 0.0021), (.neck, 0.0059), (.chest, 0.014), (.abdomen, 0.015), (.pelvis, 0.015), (.spine, 0.015),
            (.wholeBody, 0.015),
        ]
        let projection: [(BodyRegion, Double)] = [
            (.head, 0.03), (.neck, 0.1), (.chest, 0.18), (.abdomen, 0.18), (.pelvis, 0.17), (.spine, 0.15),
            (.upperLimb, 0.01), (.lowerLimb, 0.01),
        ]
        return ct.map {
            EffectiveDoseCoefficient(
                procedure: .ct, bodyRegion: $0.0, milliSievertPerUnit: $0.1, source: EffectiveDoseCoefficients.aapm96)
        }
            + projection.map {
                EffectiveDoseCoefficient(
                    procedure: .projection, bodyRegion: $0.0, milliSievertPerUnit: $0.1,
                    source: EffectiveDoseCoefficients.indicativeDAP)
            }
            + [
                EffectiveDoseCoefficient(
                    procedure: .mammography, bodyRegion: .breast, milliSievertPerUnit: 0.12,
                    source: EffectiveDoseCoefficients.icrp103Breast)
            ]
    }()

    /// The coefficient for an exam: its exam code's own, else its body region's, for its kind of irradiation.
    public func coefficient(
        examCode: String, bodyRegion: BodyRegion?, procedure: DoseProcedure
    ) -> EffectiveDoseCoefficient? {
        let fitting = coefficients.filter { $0.procedure == procedure && $0.milliSievertPerUnit > 0 }
        if let own = fitting.first(where: { $0.examCode == examCode }) { return own }
        guard let bodyRegion else { return nil }
        return fitting.first { $0.examCode == nil && $0.bodyRegion == bodyRegion }
    }
}
