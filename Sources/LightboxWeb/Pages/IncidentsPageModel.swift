import Foundation
import LightboxDomain

/// The incident list (issue 17): filters by status, kind, category and the days it happened, newest first, the link
/// to report one, and for the manager the two exports (de-identified, and with patient identifiers).
struct IncidentsPageModel: PageModel {
    static let template = "incidents"

    struct Row: Sendable, Equatable {
        var href: String
        var reference: String
        var occurredAt: String
        var kind: String
        var nearMiss: Bool
        var category: String
        var room: String
        var exam: String
        var status: String
        var closed: Bool
        var candour: String
    }

    var layout: LayoutModel
    var filters: [FormField]
    var errorSummary: ErrorSummary?
    var rows: [Row]
    var hasRows: Bool
    var count: String
    var canExport: Bool
    var exportHref: String
    var identifiableExportHref: String

    /// The filters' names, as the page and `GET /api/incidents` take them.
    static let filterNames = ["status", "kind", "category", "from", "to"]

    init(
        layout: LayoutModel, incidents: [Incident], categories: [IncidentCategory], filters values: [String: String],
        problems: [FieldProblem], canExport: Bool, timeZone: TimeZone
    ) {
        self.layout = layout
        let format = PageFormat(timeZone)
        func error(_ name: String) -> String? {
            problems.first { $0.field == name }.map { "\(Self.label(name)) \($0.problem)" }
        }
        filters = [
            .select(
                "status", label: Self.label("status"),
                choices: [("", "Any status")] + IncidentStatus.allCases.map { ($0.rawValue, $0.label) },
                value: values["status"], error: error("status")),
            .select(
                "kind", label: Self.label("kind"),
                choices: [("", "Incidents and near misses")] + IncidentKind.allCases.map { ($0.rawValue, $0.label) },
                value: values["kind"], error: error("kind")),
            .select(
                "category", label: Self.label("category"),
                choices: [("", "Any category")] + categories.map { ($0.code, $0.label) }, value: values["category"],
                error: error("category")),
            FormField("from", label: Self.label("from"), value: values["from"], error: error("from"), type: "date"),
            FormField("to", label: Self.label("to"), value: values["to"], error: error("to"), type: "date"),
        ]
        errorSummary = ErrorSummary(fields: filters)
        rows = incidents.map { incident in
            let outstanding = incident.candourOutstanding
            return Row(
                href: "/incidents/\(incident.id.uuidString)", reference: incident.reference,
                occurredAt: format.dateTime(incident.occurredAt), kind: incident.kind.label,
                nearMiss: incident.kind == .nearMiss, category: incident.categoryLabel,
                room: incident.roomName ?? "",
                exam: incident.examName.map { "\($0) (\(incident.accessionNumber ?? ""))" }
                    ?? "",
                status: incident.status.label, closed: incident.status == .closed,
                candour: outstanding.isEmpty
                    ? (incident.contacts.isEmpty ? "" : "All told")
                    : "Not yet told: " + outstanding.map(\.phrase).joined(separator: ", "))
        }
        hasRows = !rows.isEmpty
        count = incidents.count == 1 ? "1 incident" : "\(incidents.count) incidents"
        self.canExport = canExport
        let query = Self.filterNames.compactMap { name -> String? in
            guard let value = values[name], problems.allSatisfy({ $0.field != name }) else { return nil }
            return "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }
        let joined = query.joined(separator: "&")
        exportHref = "/api/incidents/export" + (joined.isEmpty ? "" : "?" + joined)
        identifiableExportHref = "/api/incidents/export?" + (joined.isEmpty ? "" : joined + "&") + "identifiers=true"
    }

    static func label(_ name: String) -> String {
        switch name {
        case "status": "Status"
        case "kind": "Kind"
        case "category": "Category"
        case "from": "Happened from"
        default: "Happened to"
        }
    }
}
