import Foundation

/// When a dose record raises an alert (DOMAIN.md "Dose"; every number from ``DoseThresholds``):
/// - above its reference level: a figure above `referenceLevelAlertMultiple` × the DRL it is judged
///   against (the local DRL when one is in force, else the national one), once per exam and metric;
/// - cumulative: for fluoroscopy (RF, XA, or any exam with fluoroscopy time), the patient's total
///   DAP, dose at the reference point and peak skin dose over the `cumulativeWindowDays` before the
///   exam reach their threshold, once per patient and metric within the window.
public enum DoseAlertRules {
    /// Metrics summed for cumulative alerts, with their threshold.
    static func cumulativeLimits(_ thresholds: DoseThresholds) -> [(DoseMetric, Double)] {
        [
            (.doseAreaProduct, thresholds.cumulativeDoseAreaProductGyCm2),
            (.referencePointDose, thresholds.cumulativeReferencePointDoseMilligray),
            (.peakSkinDose, thresholds.cumulativePeakSkinDoseMilligray),
        ]
    }

    /// True for a fluoroscopy exam (what the cumulative thresholds watch).
    public static func isFluoroscopy(_ record: ExamDoseRecord) -> Bool {
        record.modality == .RF || record.modality == .XA || (record.totals.fluoroscopySeconds ?? 0) > 0
    }

    /// The alerts `record` raises that are not raised already.
    /// - Parameters:
    ///   - patientRecords: the patient's records in the window (this one included or not: it is replaced).
    ///   - existing: the patient's alerts raised in the window and this exam's alerts.
    public static func newAlerts(
        for record: ExamDoseRecord, patientRecords: [ExamDoseRecord], existing: [DoseAlert],
        thresholds: DoseThresholds, at now: Date, ids: any IDGenerator
    ) -> [DoseAlert] {
        var alerts: [DoseAlert] = []
        let multiple = thresholds.referenceLevelAlertMultiple
        for comparison in DoseRecordBuilder.alertComparisons(record) {
            let limit = multiple * comparison.referenceLevel
            guard comparison.value > limit else { continue }
            let raised = existing.contains {
                $0.kind == .aboveReferenceLevel && $0.examID == record.examID && $0.metric == comparison.metric
            }
            guard !raised else { continue }
            let unit = comparison.metric.unitLabel
            alerts.append(
                DoseAlert(
                    id: ids.next(), kind: .aboveReferenceLevel, examID: record.examID, patientID: record.patientID,
                    examCode: record.examCode, metric: comparison.metric, value: comparison.value, limit: limit,
                    detail:
                        "\(comparison.metric.label) \(comparison.value.clean) \(unit) is \(comparison.ratio.rounded(to: 2).clean) × the "
                        + "\(comparison.levelDescription) of \(comparison.referenceLevel.clean) \(unit) "
                        + "(alert above \(multiple.clean) ×, \(limit.clean) \(unit)).",
                    raisedAt: now))
        }
        guard isFluoroscopy(record) else { return alerts }
        let windowStart = record.performedAt.addingTimeInterval(-Double(thresholds.cumulativeWindowDays) * 86_400)
        var window = patientRecords.filter {
            $0.examID != record.examID && isFluoroscopy($0) && $0.performedAt >= windowStart
                && $0.performedAt <= record.performedAt
        }
        window.append(record)
        for (metric, limit) in cumulativeLimits(thresholds) {
            let summed = window.compactMap { r in metric.value(in: r.totals).map { (r.examID, $0) } }
            let total = summed.map(\.1).reduce(0, +)
            guard metric.value(in: record.totals) != nil, total >= limit else { continue }
            let raised = existing.contains {
                $0.kind == .cumulative && $0.patientID == record.patientID && $0.metric == metric
                    && $0.raisedAt >= windowStart
            }
            guard !raised else { continue }
            let unit = metric.unitLabel
            alerts.append(
                DoseAlert(
                    id: ids.next(), kind: .cumulative, examID: record.examID, patientID: record.patientID,
                    examCode: record.examCode, metric: metric, value: total, limit: limit,
                    detail: "Cumulative \(metric.label.lowercased()) over \(thresholds.cumulativeWindowDays) days: "
                        + summed.map { "\($0.1.clean)" }.joined(separator: " + ") + " = \(total.clean) \(unit), "
                        + "at or above \(limit.clean) \(unit) (\(summed.count) exam\(summed.count == 1 ? "" : "s")).",
                    examIDs: summed.map(\.0), raisedAt: now))
        }
        return alerts
    }
}
