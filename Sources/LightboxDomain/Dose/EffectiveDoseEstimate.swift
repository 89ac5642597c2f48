import Foundation

/// An exam's effective dose estimated from one of its figures and a configured coefficient, with the
/// arithmetic shown (``EffectiveDoseCoefficients``).
public struct EffectiveDoseEstimate: Sendable, Codable, Equatable {
    public var milliSievert: Double
    /// The figure multiplied, and its value in the metric's unit.
    public var metric: DoseMetric
    public var figure: Double
    public var coefficient: EffectiveDoseCoefficient
    /// "DLP 800 mGy·cm × 0.0021 mSv per mGy·cm = 1.68 mSv".
    public var arithmetic: String
    /// The patient was a child at the exam and the coefficient is an adult one: the estimate is likely low.
    public var adultCoefficientForChild: Bool

    public init(
        milliSievert: Double, metric: DoseMetric, figure: Double, coefficient: EffectiveDoseCoefficient,
        arithmetic: String, adultCoefficientForChild: Bool
    ) {
        self.milliSievert = milliSievert
        self.metric = metric
        self.figure = figure
        self.coefficient = coefficient
        self.arithmetic = arithmetic
        self.adultCoefficientForChild = adultCoefficientForChild
    }

    /// The estimate for a dose record, or why there is none (in words).
    /// - Parameters:
    ///   - bodyRegion: the exam's catalogue body region (nil when the code is not in the catalogue).
    ///   - ageYears: the patient's age at the exam, when known.
    public static func estimate(
        _ record: ExamDoseRecord, bodyRegion: BodyRegion?, ageYears: Int?, coefficients: EffectiveDoseCoefficients
    ) -> Result<EffectiveDoseEstimate, NoEstimate> {
        guard record.source != nil else { return .failure(NoEstimate("no dose figures recorded")) }
        let procedure = record.procedure ?? DoseProcedure(modality: record.modality)
        guard
            let coefficient = coefficients.coefficient(
                examCode: record.examCode, bodyRegion: bodyRegion, procedure: procedure)
        else {
            let region = bodyRegion.map { " and body region \($0.label.lowercased())" } ?? ""
            return .failure(
                NoEstimate(
                    "no effective dose coefficient for \(procedure.label.lowercased()) of \(record.examCode)\(region)"))
        }
        let metric = coefficient.metric
        let figure: Double?
        let figureText: String
        if procedure == .mammography {
            // Effective dose weights the dose to all breast tissue: the mean over both breasts.
            let breasts = record.totals.averageGlandularDose
            let sum = breasts.map(\.milligray).reduce(0, +)
            figure = breasts.isEmpty ? nil : sum / 2
            figureText = "mean glandular dose over both breasts \((sum / 2).dose) mGy"
        } else {
            figure = metric.value(in: record.totals)
            figureText = "\(metric.label) \((figure ?? 0).dose) \(metric.unitLabel)"
        }
        guard let figure else {
            return .failure(NoEstimate("no \(metric.label.lowercased()) recorded to estimate it from"))
        }
        let value = figure * coefficient.milliSievertPerUnit
        let child = ageYears.map { $0 < coefficients.adultFromAgeYears } ?? false
        return .success(
            EffectiveDoseEstimate(
                milliSievert: value, metric: metric, figure: figure, coefficient: coefficient,
                arithmetic: "\(figureText) × \(coefficient.milliSievertPerUnit.description) \(coefficient.unitLabel) "
                    + "= \(value.dose) mSv",
                adultCoefficientForChild: child))
    }

    /// Why an exam has no estimate.
    public struct NoEstimate: Error, Sendable, Equatable {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }
}
