import Foundation
import LightboxDomain

extension ExamPageModel {
    /// The dose record in words for the exam page (image check): the chosen figures and their source,
    /// the comparison with each reference level, disagreements between sources, and the alerts.
    static func doseRows(_ record: ExamDoseRecord?) -> [SummaryRow] {
        guard let record, let source = record.source else { return [] }
        var rows: [SummaryRow] = []
        var figures: [String] = []
        for metric in [
            DoseMetric.doseAreaProduct, .referencePointDose, .fluoroscopyTime, .ctdiVol, .dlp,
            .administeredActivity, .peakSkinDose,
        ] {
            if let value = metric.value(in: record.totals) {
                figures.append("\(metric.label) \(value.rounded(places: 3)) \(metric.unitLabel)")
            }
        }
        for breast in record.totals.averageGlandularDose {
            figures.append("Average glandular dose (\(breast.laterality)) \(breast.milligray.rounded(places: 3)) mGy")
        }
        if let exposures = record.totals.numberOfExposures { figures.append("\(exposures) exposure(s)") }
        if let agent = record.totals.radiopharmaceutical { figures.append(agent) }
        rows.append(
            SummaryRow(
                "Dose",
                (figures.isEmpty ? "No totals" : figures.joined(separator: "; "))
                    + " (from the \(source.label.lowercased()))"
            ))
        let skin = record.events.enumerated().compactMap { index, event in
            event.peakSkinDoseMilligray.map { "event \(index + 1) \($0.rounded(places: 3)) mGy" }
        }
        if !skin.isEmpty { rows.append(SummaryRow("Peak skin dose by event", skin.joined(separator: "; "))) }
        if !record.comparisons.isEmpty {
            rows.append(
                SummaryRow(
                    "Reference levels",
                    record.comparisons.map {
                        "\($0.metric.label) \($0.ratio.rounded(places: 2)) × \($0.levelDescription) "
                            + "(\($0.referenceLevel.rounded(places: 3)) \($0.metric.unitLabel))"
                    }.joined(separator: "; ")))
        }
        if !record.discrepancies.isEmpty {
            rows.append(
                SummaryRow(
                    "Dose sources disagree",
                    record.discrepancies.map {
                        "\($0.metric.label): \($0.chosenSource.label.lowercased()) \($0.chosenValue.rounded(places: 3)), "
                            + "\($0.otherSource.label.lowercased()) \($0.otherValue.rounded(places: 3)) "
                            + "(\($0.differencePercent.rounded(places: 1)) % apart)"
                    }.joined(separator: "; ")))
        }
        for alert in record.alerts {
            let state =
                alert.acknowledgement.map { "acknowledged by \($0.username): \($0.comment)" } ?? "open"
            rows.append(SummaryRow("Dose alert", "\(alert.kind.label), \(state). \(alert.detail)"))
        }
        return rows
    }
}

extension Double {
    /// Rounded to `places` decimals, without trailing zeros ("52.1", "0.11").
    fileprivate func rounded(places: Int) -> String {
        let scale = pow(10, Double(places))
        let value = (self * scale).rounded() / scale
        return value.pageClean
    }
}
