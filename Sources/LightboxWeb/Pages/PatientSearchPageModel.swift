import Foundation
import LightboxDomain

/// Reception's patient search: one box that takes any identifier (NHS number, hospital number,
/// family name, date of birth), and the patients found.
struct PatientSearchPageModel: PageModel {
    static let template = "patients"

    struct PatientRow: Sendable, Equatable {
        var href: String
        var name: String
        var nhsNumber: String
        var hospitalNumbers: String
        var dateOfBirth: String
    }

    var layout: LayoutModel
    var errorSummary: ErrorSummary?
    var query: FormField
    var searched: Bool
    var rows: [PatientRow]
    var hasRows: Bool
    var resultText: String
    var canRegister: Bool

    /// What a typed search term can mean, in the order tried.
    static func queries(for text: String, limit: Int = 50) -> [PatientQuery] {
        let term = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let digits = term.filter { !$0.isWhitespace }
        if digits.count == 10, digits.allSatisfy(\.isNumber), let number = try? NHSNumber(digits) {
            return [PatientQuery(nhsNumber: number, limit: limit)]
        }
        if let date = date(term) { return [PatientQuery(dateOfBirth: date, limit: limit)] }
        var found = [PatientQuery(hospitalNumber: term, limit: limit)]
        if term.contains(where: \.isLetter) && !term.contains(where: \.isNumber) {
            found.append(PatientQuery(familyName: term, limit: limit))
        }
        return found
    }

    /// A date typed as YYYY-MM-DD or DD/MM/YYYY.
    static func date(_ text: String) -> CalendarDate? {
        if let iso = try? CalendarDate(iso: text) { return iso }
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 3, let day = parts[0], let month = parts[1], let year = parts[2], year > 1800 else {
            return nil
        }
        return try? CalendarDate(year: year, month: month, day: day)
    }

    init(layout: LayoutModel, query: String?, found: [Patient]?, canRegister: Bool, error: String? = nil) {
        self.layout = layout
        self.query = FormField(
            "q", label: "NHS number, hospital number, family name or date of birth", value: query,
            hint: "For example 943 476 5919, RVJ65919, Khan or 02/11/1980", error: error, type: "search")
        errorSummary = ErrorSummary(fields: [self.query])
        searched = found != nil
        let format = PageFormat(TimeZone(identifier: "UTC")!)
        rows = (found ?? []).map { patient in
            PatientRow(
                href: "/patients/\(patient.id.uuidString)", name: patient.name.display,
                nhsNumber: patient.nhsNumber?.formatted ?? "",
                hospitalNumbers: patient.hospitalNumbers.map(\.value).joined(separator: ", "),
                dateOfBirth: patient.dateOfBirth.map(format.date) ?? "")
        }
        hasRows = !rows.isEmpty
        resultText =
            switch rows.count {
            case 0: "No patient matches."
            case 1: "1 patient found."
            default: "\(rows.count) patients found."
            }
        self.canRegister = canRegister
    }
}
