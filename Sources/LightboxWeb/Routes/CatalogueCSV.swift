import Foundation
import LightboxDomain

/// Reads a department's exam catalogue from CSV. Header row (any order, case-insensitive):
/// `code,name,modality,bodyRegion,projections,pregnancyRelevant` required;
/// `lateralityRequired,highDose,contrast,snomedCT,active,cpt` optional (cpt: the CPT code, for departments that bill). Projections are separated by
/// `;` (e.g. `AP;Lateral;Skyline`); yes/no columns take true/false, yes/no, y/n or 1/0.
/// Every bad row is reported (row number, column, problem); nothing is returned unless all rows are good.
public struct CatalogueCSV: Sendable {
    public static let requiredColumns = ["code", "name", "modality", "bodyRegion", "projections", "pregnancyRelevant"]
    public static let optionalColumns = ["lateralityRequired", "highDose", "contrast", "snomedCT", "active", "cpt"]

    public let maxRows: Int

    public init(maxRows: Int) {
        self.maxRows = maxRows
    }

    /// One data row read: its entry, or the problems that refuse it.
    public struct Row: Sendable, Equatable {
        /// The row's line in the file (the header is line 1).
        public var line: Int
        public var entry: CatalogueEntry?
        public var errors: [Problem.FieldError]
    }

    /// The entries of `text`, or a 422 problem listing every bad row and column.
    public func entries(from text: String) throws -> [CatalogueEntry] {
        let rows = try self.rows(from: text)
        let errors = rows.flatMap(\.errors)
        if !errors.isEmpty {
            let wrong = rows.filter { !$0.errors.isEmpty }.count
            throw Problem.invalid(
                "\(wrong) of \(rows.count) rows are wrong; nothing was imported.", errors: errors)
        }
        return rows.compactMap(\.entry)
    }

    /// Every data row of `text` with its entry or its problems; a 422 problem when the file or its header cannot be
    /// read at all (then no row can be).
    public func rows(from text: String) throws -> [Row] {
        let table: CSVTable
        do {
            table = try CSVTable(parsing: text, maxRows: maxRows)
        } catch {
            throw Problem.invalid(
                "The CSV file cannot be read: \(error.description).",
                errors: [.init(field: "line \(error.line)", problem: error.problem)])
        }
        let known = Self.requiredColumns + Self.optionalColumns
        var columns: [String: Int] = [:]
        var headerErrors: [Problem.FieldError] = []
        for (index, name) in table.header.enumerated() {
            guard let canonical = known.first(where: { $0.lowercased() == name.lowercased() }) else {
                headerErrors.append(
                    .init(
                        field: "header", problem: "unknown column '\(name)' (known: \(known.joined(separator: ", ")))"))
                continue
            }
            if columns[canonical] != nil {
                headerErrors.append(.init(field: "header", problem: "column '\(canonical)' appears twice"))
            }
            columns[canonical] = index
        }
        for required in Self.requiredColumns where columns[required] == nil {
            headerErrors.append(.init(field: "header", problem: "the required column '\(required)' is missing"))
        }
        if !headerErrors.isEmpty {
            throw Problem.invalid("The CSV header row is wrong; nothing was imported.", errors: headerErrors)
        }
        if table.rows.isEmpty {
            throw Problem.invalid(
                "The CSV file has a header but no rows; nothing was imported.",
                errors: [.init(field: "rows", problem: "at least one exam is needed")])
        }

        var rows: [Row] = []
        var seenCodes: [String: Int] = [:]
        for row in table.rows {
            var rowErrors: [Problem.FieldError] = []
            let label = "line \(row.line)"
            func value(_ column: String) -> String {
                guard let index = columns[column], index < row.fields.count else { return "" }
                return row.fields[index].trimmingCharacters(in: .whitespaces)
            }
            func fail(_ column: String, _ problem: String) {
                rowErrors.append(.init(field: "\(label).\(column)", problem: problem))
            }
            func flag(_ column: String, default fallback: Bool?) -> Bool? {
                let raw = value(column).lowercased()
                if raw.isEmpty {
                    if fallback == nil { fail(column, "is required (true or false)") }
                    return fallback
                }
                switch raw {
                case "true", "yes", "y", "1": return true
                case "false", "no", "n", "0": return false
                default:
                    fail(column, "'\(value(column))' is not true or false")
                    return fallback
                }
            }
            if row.fields.count != table.header.count {
                rowErrors.append(
                    .init(field: label, problem: "has \(row.fields.count) fields; the header has \(table.header.count)")
                )
            }
            let code = value("code").uppercased()
            if code.isEmpty { fail("code", "is required") }
            if code.count > 16 { fail("code", "is longer than 16 characters") }
            if let first = seenCodes[code], !code.isEmpty { fail("code", "\(code) already appears on line \(first)") }
            seenCodes[code] = row.line
            let name = value("name")
            if name.isEmpty { fail("name", "is required") }
            if name.count > 64 { fail("name", "is longer than 64 characters") }
            let modality = Modality(rawValue: value("modality").uppercased())
            if modality == nil {
                fail(
                    "modality",
                    "'\(value("modality"))' is not one of \(Modality.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let region = BodyRegion.allCases.first { $0.rawValue.lowercased() == value("bodyRegion").lowercased() }
            if region == nil {
                fail(
                    "bodyRegion",
                    "'\(value("bodyRegion"))' is not one of \(BodyRegion.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let projections = value("projections").split(separator: ";").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            if projections.isEmpty && modality.map({ [.CR, .DX].contains($0) }) == true {
                fail("projections", "a radiograph needs its standard projections (separated by ';')")
            }
            let pregnancyRelevant = flag("pregnancyRelevant", default: nil)
            let laterality = flag("lateralityRequired", default: false)
            let highDose = flag("highDose", default: false)
            let active = flag("active", default: true)
            var contrast: ContrastRoute?
            let contrastText = value("contrast")
            if !contrastText.isEmpty && contrastText.lowercased() != "none" {
                contrast = ContrastRoute.allCases.first { $0.rawValue.lowercased() == contrastText.lowercased() }
                if contrast == nil {
                    fail(
                        "contrast",
                        "'\(contrastText)' is not none or one of \(ContrastRoute.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
            }
            let snomed = value("snomedCT")
            if !snomed.isEmpty && !snomed.allSatisfy({ $0.isASCII && $0.isNumber }) {
                fail("snomedCT", "'\(snomed)' is not a SNOMED CT identifier (digits only)")
            }
            let cpt = value("cpt").uppercased()
            if !cpt.isEmpty && !ProcedureCoding.isCPT(cpt) {
                fail("cpt", "'\(cpt)' is not a CPT code (five characters: four digits, then a digit, F, T or U)")
            }
            var entry: CatalogueEntry?
            if rowErrors.isEmpty, let modality, let region, let pregnancyRelevant {
                entry = CatalogueEntry(
                    code: code, name: name, modality: modality, bodyRegion: region, projections: projections,
                    lateralityRequired: laterality ?? false, pregnancyRelevant: pregnancyRelevant,
                    highDose: highDose ?? false, contrast: contrast, snomedCT: snomed.isEmpty ? nil : snomed,
                    active: active ?? true, cpt: cpt.isEmpty ? nil : cpt)
            }
            rows.append(Row(line: row.line, entry: entry, errors: rowErrors))
        }
        return rows
    }
}
