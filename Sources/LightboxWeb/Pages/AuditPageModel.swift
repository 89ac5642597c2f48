import Foundation
import LightboxDomain

/// The audit log (issue 14): entries newest first, filtered by who, what action, which patient and a date range,
/// a page at a time, with the outcome of the last check of the hash chain.
struct AuditPageModel: PageModel {
    static let template = "audit"

    struct Row: Sendable, Equatable {
        var sequence: String
        var when: String
        var who: String
        var role: String
        var action: String
        var door: String
        var address: String
        var detail: String
        var patientHref: String?
        var examHref: String?
    }

    /// The filters as typed, and what they mean once read.
    struct Filters: Sendable, Equatable {
        var who: String?
        var action: String?
        /// A Lightbox patient id, NHS number or hospital number.
        var patient: String?
        var from: String?
        var to: String?
        var before: Int64?
    }

    var layout: LayoutModel
    var who: FormField
    var action: FormField
    var patient: FormField
    var from: FormField
    var to: FormField
    var errorSummary: ErrorSummary?
    var rows: [Row]
    var hasRows: Bool
    var caption: String
    var olderHref: String?
    var newestHref: String?
    var chainChecked: Bool
    var chainIntact: Bool
    var chainSummary: String
    var canCheckChain: Bool

    init(
        layout: LayoutModel, filters: Filters, problems: [FieldProblem], entries: [AuditEntry], pageSize: Int,
        chain: AuditChainMonitor.Check?, canCheckChain: Bool, timeZone: TimeZone
    ) {
        self.layout = layout
        let error = { (field: String) in problems.first { $0.field == field }?.problem }
        who = FormField("who", label: "Who (user name)", value: filters.who, error: error("who"), width: "20")
        action = FormField(
            "action", label: "Action", value: filters.action,
            hint: "For example exam.justified, or exam for all exam actions",
            error: error("action"), width: "20")
        patient = FormField(
            "patient", label: "Patient", value: filters.patient,
            hint: "NHS number, hospital number or Lightbox patient ID",
            error: error("patient"), width: "20")
        from = FormField(
            "from", label: "From", value: filters.from, hint: "Date, for example 2026-12-01", error: error("from"),
            type: "date", width: "10")
        to = FormField(
            "to", label: "To (inclusive)", value: filters.to, hint: "Date, for example 2026-12-07", error: error("to"),
            type: "date", width: "10")
        errorSummary = ErrorSummary(fields: [who, action, patient, from, to])
        let time = DateFormatter()
        time.locale = Locale(identifier: "en_GB")
        time.timeZone = timeZone
        time.dateFormat = "d MMM yyyy HH:mm:ss"
        rows = entries.map { entry in
            Row(
                sequence: String(entry.sequence), when: time.string(from: entry.at), who: entry.actorUsername,
                role: AccessRole(rawValue: entry.actorRole)?.label ?? entry.actorRole, action: entry.action,
                door: entry.door.label, address: entry.address ?? "", detail: entry.detail,
                patientHref: entry.patientID.map { "/patients/\($0.uuidString)" },
                examHref: entry.examID.map { "/exams/\($0.uuidString)" })
        }
        hasRows = !rows.isEmpty
        caption =
            problems.isEmpty
            ? (rows.isEmpty ? "No entries match." : "\(rows.count) entries, newest first.")
            : "Correct the filters to search."
        let query = Self.query(filters)
        if entries.count == pageSize, let last = entries.last {
            olderHref = "/audit?" + (query.isEmpty ? "" : query + "&") + "before=\(last.sequence)"
        }
        if filters.before != nil { newestHref = "/audit" + (query.isEmpty ? "" : "?" + query) }
        chainChecked = chain != nil
        chainIntact = chain?.intact ?? false
        chainSummary =
            chain.map {
                "Checked \(time.string(from: $0.checkedAt)): \($0.intact ? "intact" : "BROKEN"), \($0.summary)."
            }
            ?? "Not checked since Lightbox started."
        self.canCheckChain = canCheckChain
    }

    /// The filters as a query string (without paging), for the paging links.
    static func query(_ filters: Filters) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return [
            ("who", filters.who), ("action", filters.action), ("patient", filters.patient),
            ("from", filters.from), ("to", filters.to),
        ]
        .compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        }.joined(separator: "&")
    }

    /// Reads the date filters: whole days in the department's time zone, `to` inclusive.
    static func dateRange(_ filters: Filters, timeZone: TimeZone) -> (from: Date?, until: Date?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func day(_ text: String?, _ field: String) -> Date? {
            guard let text else { return nil }
            guard let date = PageDates.parse(text, timeZone) else {
                problems.append(FieldProblem(field, "enter a date as YYYY-MM-DD"))
                return nil
            }
            return date
        }
        let from = day(filters.from, "from")
        let until = day(filters.to, "to").flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
        if let from, let until, until <= from {
            problems.append(FieldProblem("to", "must be on or after the From date"))
        }
        return (from, until, problems)
    }
}

extension Door {
    /// Where the action came from, as the audit page says it.
    var label: String {
        switch self {
        case .web: "Pages"
        case .api: "API"
        case .hl7: "HL7"
        case .fhir: "FHIR"
        case .dicom: "DICOM"
        case .cli: "Command line"
        case .system: "Lightbox itself"
        }
    }
}
