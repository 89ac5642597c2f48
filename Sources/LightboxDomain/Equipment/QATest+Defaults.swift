import Foundation

extension QATest {
    /// The shipped QA catalogue: the routine tests of IPEM Report 91 ("Recommended standards for the routine
    /// performance testing of diagnostic X-ray imaging systems") with its remedial levels, and suspension levels at
    /// the wider limits it gives or, where it gives none, at about twice the remedial tolerance. A department's
    /// medical physics expert replaces them with local values (`DepartmentConfiguration.qaTests`).
    public static let defaults: [QATest] = [
        // CT daily water phantom.
        QATest(
            code: "CT-WATER-MEAN", name: "Water phantom: mean CT number", modality: .CT, frequency: .daily,
            unit: "HU", remedial: .around(0, 4), suspension: .around(0, 10)),
        QATest(
            code: "CT-WATER-NOISE", name: "Water phantom: noise (standard deviation)", modality: .CT,
            frequency: .daily, unit: "HU", remedial: QALimits(upper: 5.5), suspension: QALimits(upper: 7)),
        QATest(
            code: "CT-WATER-UNIFORMITY", name: "Water phantom: uniformity (centre to edge)", modality: .CT,
            frequency: .daily, unit: "HU", remedial: .around(0, 4), suspension: .around(0, 8)),
        // Plain radiography (CR and DX).
        QATest(
            code: "DX-KV-ACCURACY", name: "Tube voltage accuracy (deviation from set kV)", modality: .DX,
            frequency: .yearly, unit: "%", remedial: .around(0, 5), suspension: .around(0, 10)),
        QATest(
            code: "DX-OUTPUT-REPRO", name: "Output reproducibility (coefficient of variation)", modality: .DX,
            frequency: .monthly, unit: "%", remedial: QALimits(upper: 5), suspension: QALimits(upper: 10)),
        QATest(
            code: "DX-FIELD-ALIGN", name: "Light and X-ray field alignment (sum of deviations, % of SID)",
            modality: .DX, frequency: .monthly, unit: "%", remedial: QALimits(upper: 2), suspension: QALimits(upper: 4)),
        // Fluoroscopy.
        QATest(
            code: "RF-DOSE-RATE", name: "Entrance surface air kerma rate, normal mode", modality: .RF,
            frequency: .quarterly, unit: "mGy/min", remedial: QALimits(upper: 50), suspension: QALimits(upper: 100)),
        // Mammography.
        QATest(
            code: "MG-AEC-SNR", name: "AEC: signal-difference-to-noise ratio change from baseline", modality: .MG,
            frequency: .daily, unit: "%", remedial: .around(0, 10), suspension: .around(0, 20)),
    ]
}
