import Foundation
import LightboxDomain

/// A patient's dose history as the patient page shows it: one row per exam with its figures and effective
/// dose estimate (the arithmetic in words), and the cumulative totals over the configured windows.
struct DoseHistoryTable: Sendable, Equatable {
    struct Row: Sendable, Equatable {
        var href: String
        var examName: String
        var accessionNumber: String
        var when: String
        var figures: String
        var effectiveDose: String
        var basis: String
        var alerts: String?
    }

    struct Total: Sendable, Equatable {
        var label: String
        var exams: String
        var effectiveDose: String
        var figures: String
    }

    var rows: [Row]
    var hasRows: Bool
    var totals: [Total]
    /// The same history as JSON.
    var apiHref: String

    init(_ history: PatientDoseHistory, timeZone: TimeZone) {
        let format = PageFormat(timeZone)
        rows = history.entries.map { entry in
            var figures: [String] = []
            func add(_ metric: DoseMetric, _ value: Double?) {
                if let value { figures.append("\(metric.label) \(Self.number(value)) \(metric.unitLabel)") }
            }
            add(.doseAreaProduct, entry.doseAreaProductGyCm2)
            add(.referencePointDose, entry.referencePointDoseMilligray)
            add(.fluoroscopyTime, entry.fluoroscopySeconds)
            add(.ctdiVol, entry.ctdiVolMilligray)
            add(.dlp, entry.dlpMilligrayCm)
            for breast in entry.averageGlandularDose {
                figures.append("Average glandular dose (\(breast.laterality)) \(Self.number(breast.milligray)) mGy")
            }
            add(.administeredActivity, entry.administeredActivityMBq)
            add(.peakSkinDose, entry.peakSkinDoseMilligray)
            let estimate = entry.effectiveDose
            return Row(
                href: "/exams/\(entry.examID.uuidString)", examName: entry.examName,
                accessionNumber: entry.accessionNumber, when: format.dateTime(entry.performedAt),
                figures: figures.isEmpty ? "No totals" : figures.joined(separator: "; "),
                effectiveDose: estimate.map { "\(Self.number($0.milliSievert)) mSv" } ?? "Not estimated",
                basis: estimate.map {
                    $0.arithmetic + ($0.adultCoefficientForChild ? " (adult coefficient: likely low for a child)" : "")
                } ?? (entry.noEstimateReason.map { "No estimate: \($0)" } ?? ""),
                alerts: entry.openAlerts > 0
                    ? "\(entry.openAlerts) open dose alert\(entry.openAlerts == 1 ? "" : "s")" : nil)
        }
        hasRows = !rows.isEmpty
        totals = history.cumulative.map { window in
            var figures: [String] = []
            if window.doseAreaProductGyCm2 > 0 {
                figures.append("DAP \(Self.number(window.doseAreaProductGyCm2)) Gy·cm²")
            }
            if window.dlpMilligrayCm > 0 { figures.append("DLP \(Self.number(window.dlpMilligrayCm)) mGy·cm") }
            if window.referencePointDoseMilligray > 0 {
                figures.append("dose at the reference point \(Self.number(window.referencePointDoseMilligray)) mGy")
            }
            if window.fluoroscopySeconds > 0 {
                figures.append("fluoroscopy \(Self.number(window.fluoroscopySeconds)) s")
            }
            if window.peakSkinDoseMilligray > 0 {
                figures.append("peak skin dose \(Self.number(window.peakSkinDoseMilligray)) mGy")
            }
            let missing = window.exams - window.examsWithEstimate
            return Total(
                label: window.label, exams: String(window.exams),
                effectiveDose: "\(Self.number(window.effectiveDoseMilliSievert)) mSv"
                    + (missing > 0 ? " (\(missing) exam\(missing == 1 ? "" : "s") not estimated)" : ""),
                figures: figures.isEmpty ? "None" : figures.joined(separator: "; "))
        }
        apiHref = "/api/patients/\(history.patientID.uuidString)/dose"
    }

    /// At most three decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded.pageClean
    }
}
