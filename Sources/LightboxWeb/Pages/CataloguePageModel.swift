import Foundation
import LightboxDomain

/// The exam catalogue (issue 14): every entry, and the CSV import that adds and updates entries as a background
/// job whose progress and result have their own page.
struct CataloguePageModel: PageModel {
    static let template = "admin-catalogue"

    struct Row: Sendable, Equatable {
        var code: String
        var name: String
        var modality: String
        var bodyRegion: String
        var projections: String
        var notes: String
        var active: Bool
    }

    struct ImportRow: Sendable, Equatable {
        var href: String
        var fileName: String
        var startedBy: String
        var outcome: String
    }

    var layout: LayoutModel
    var rows: [Row]
    var imports: [ImportRow]
    var hasImports: Bool
    var columns: String
    var maxRows: String
    var errorSummary: ErrorSummary?
    var fileError: String?

    init(
        layout: LayoutModel, entries: [CatalogueEntry], imports: [CatalogueImports.Job], maxRows: Int,
        problems: [String] = []
    ) {
        self.layout = layout
        rows = entries.sorted { $0.code < $1.code }.map { entry in
            var notes: [String] = []
            if entry.lateralityRequired { notes.append("side required") }
            if entry.pregnancyRelevant { notes.append("pregnancy enquiry") }
            if entry.highDose { notes.append("high dose") }
            if let contrast = entry.contrast { notes.append(contrast.label + " contrast") }
            return Row(
                code: entry.code, name: entry.name, modality: entry.modality.rawValue,
                bodyRegion: entry.bodyRegion.label, projections: entry.projections.joined(separator: ", "),
                notes: notes.joined(separator: ", "), active: entry.active)
        }
        self.imports = imports.map { job in
            ImportRow(
                href: "/admin/catalogue/imports/\(job.id.uuidString)", fileName: job.fileName, startedBy: job.startedBy,
                outcome: CatalogueImportPageModel.outcome(job))
        }
        hasImports = !self.imports.isEmpty
        columns =
            "Columns: " + CatalogueCSV.requiredColumns.joined(separator: ", ") + "; optional: "
            + CatalogueCSV.optionalColumns.joined(separator: ", ") + "."
        self.maxRows = String(maxRows)
        fileError = problems.first
        errorSummary = problems.isEmpty ? nil : Self.summary(problems)
    }

    /// The error summary of a refused upload: each problem links to the file input.
    static func summary(_ problems: [String]) -> ErrorSummary? {
        var field = FormField("csv", label: "CSV file", error: problems.first)
        field.id = "field-csv"
        var summary = ErrorSummary(fields: [field])
        summary?.items += problems.dropFirst().map { ErrorSummary.Item(href: "#field-csv", message: $0) }
        return summary
    }
}
