import Foundation
import LightboxDomain

/// The monthly Diagnostic Imaging Dataset: how many rows, whether it passes the field rules, every problem
/// found (the first ones, each naming the exam and the field), and the CSV to send.
struct DatasetExportPageModel: PageModel {
    static let template = "statistics"
    static let shownProblems = 200
    var layout: LayoutModel
    var heading = "Diagnostic Imaging Dataset"
    var lede =
        "One row per exam performed in the month, with the fields of the national return, checked against the "
        + "dataset's field rules before it is sent."
    var form: StatisticsPeriodForm
    var hasReport: Bool
    var summary: [String]
    var chart: BarChart?
    var tables: [StatisticsTable]

    init(layout: LayoutModel, form: StatisticsPeriodForm, export: DIDExport?) {
        self.layout = layout
        self.form = form
        hasReport = export != nil
        guard let export else {
            summary = []
            tables = []
            return
        }
        let errors = export.problems.filter { $0.severity == .error }
        let warnings = export.problems.filter { $0.severity == .warning }
        summary = [
            "\(export.records.count) exams performed in the month.",
            export.passes
                ? "The return passes the field rules."
                    + (warnings.isEmpty ? "" : " \(warnings.count) fields are incomplete (warnings below).")
                : "The return does not pass the field rules: \(errors.count) errors to correct before it is sent.",
        ]
        let shown = (errors + warnings).prefix(Self.shownProblems)
        tables = [
            StatisticsTable(
                caption: export.problems.count > Self.shownProblems
                    ? "The first \(Self.shownProblems) of \(export.problems.count) problems" : "Problems",
                rowHeader: "Accession number",
                headers: ["Field", "Problem", "Severity"],
                rows: shown.map {
                    StatisticsTable.Row(
                        heading: $0.accessionNumber.isEmpty ? "Whole return" : $0.accessionNumber,
                        cells: [$0.field, $0.problem, $0.severity == .error ? "Error" : "Warning"],
                        flagged: $0.severity == .error, note: "")
                }, emptyText: "No problems: every field follows the rules.")
        ]
    }
}
