import Foundation
import LightboxDomain

/// The "Report an incident" form (issue 17): near miss or incident, category, when, the exam by its accession number,
/// the room, a member of staff involved, what happened and the immediate actions. Posts to `ReportIncident`, the use
/// case `POST /api/incidents` calls.
struct IncidentReportPageModel: PageModel {
    static let template = "incident-new"

    var layout: LayoutModel
    var fields: [FormField]
    var errorSummary: ErrorSummary?
    /// Carried from the exam or patient page the form was opened from.
    var examID: String
    var patientID: String
    var exam: String?

    /// The form's field names, as `ReportIncident` names its fields.
    static let names = [
        "kind", "category", "occurredAt", "accessionNumber", "roomID", "staffID", "whatHappened", "immediateActions",
    ]

    init(
        layout: LayoutModel, categories: [IncidentCategory], rooms: [Room], staff: [StaffMember], exam: Exam?,
        form: FormBody, problems: [FieldProblem], general: [String], now: Date, timeZone: TimeZone
    ) {
        self.layout = layout
        func error(_ names: String...) -> String? {
            problems.first { names.contains($0.field) }.map { "\(Self.label($0.field)) \($0.problem)" }
        }
        fields = [
            .select(
                "kind", label: Self.label("kind"),
                choices: [
                    (IncidentKind.incident.rawValue, "Incident: it happened"),
                    (IncidentKind.nearMiss.rawValue, "Near miss: caught before it reached anyone"),
                ], value: form["kind"], error: error("kind")),
            .select(
                "category", label: Self.label("category"),
                choices: [("", "Choose a category")] + categories.map { ($0.code, $0.label) }, value: form["category"],
                error: error("category")),
            FormField(
                "occurredAt", label: Self.label("occurredAt"),
                value: form["occurredAt"] ?? IncidentPageModel.inputMoment(now, timeZone),
                hint: "Day and time, for example 2026-03-02 09:30", error: error("occurredAt"), type: "datetime-local"),
            FormField(
                "accessionNumber", label: Self.label("accessionNumber"),
                value: form["accessionNumber"] ?? exam?.accessionNumber,
                hint: "Leave empty when no exam was involved; the exam's patient is then linked",
                error: error("accessionNumber", "examID", "patientID")),
            .select(
                "roomID", label: Self.label("roomID"),
                choices: [("", "No room, or the exam's room")] + rooms.map { ($0.id.uuidString, $0.name) },
                value: form["roomID"], error: error("roomID")),
            .select(
                "staffID", label: Self.label("staffID"),
                choices: [("", "Nobody named")]
                    + staff.filter(\.active).map { ($0.id.uuidString, $0.displayName) },
                value: form["staffID"], error: error("staffID", "staffIDs")),
            FormField(
                "whatHappened", label: Self.label("whatHappened"), value: form["whatHappened"],
                hint: "Facts, in the order they happened", error: error("whatHappened"), multiline: true),
            FormField(
                "immediateActions", label: Self.label("immediateActions"), value: form["immediateActions"],
                hint: "What was done at once to make things safe, or that nothing was needed",
                error: error("immediateActions"), multiline: true),
        ]
        let known = Set(Self.names + ["examID", "patientID", "staffIDs"])
        errorSummary = ErrorSummary(
            fields: fields,
            general: general + problems.filter { !known.contains($0.field) }.map { "\($0.field) \($0.problem)" })
        examID = form["examID"] ?? exam?.id.uuidString ?? ""
        patientID = form["patientID"] ?? ""
        self.exam = exam.map { "\($0.examName) (\($0.accessionNumber))" }
    }

    static func label(_ name: String) -> String {
        switch name {
        case "kind": "Incident or near miss"
        case "category": "Category"
        case "occurredAt": "When it happened"
        case "accessionNumber", "examID": "Exam accession number (optional)"
        case "patientID": "Patient"
        case "roomID": "Room (optional)"
        case "staffID", "staffIDs": "Member of staff involved (optional)"
        case "whatHappened": "What happened"
        default: "Immediate actions"
        }
    }

    /// The command the form asks for; `problems` names what cannot be read.
    static func command(_ form: FormBody, timeZone: TimeZone) -> (ReportIncident.Command, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let kind = form["kind"].flatMap(IncidentKind.init(rawValue:))
        if kind == nil { problems.append(FieldProblem("kind", "choose incident or near miss")) }
        var occurredAt: Date?
        if let raw = form["occurredAt"] {
            occurredAt = IncidentPageModel.moment(raw, timeZone)
            if occurredAt == nil { problems.append(FieldProblem("occurredAt", "must be a day and time")) }
        } else {
            problems.append(FieldProblem("occurredAt", "say when it happened"))
        }
        func id(_ name: String) -> UUID? {
            guard let raw = form[name] else { return nil }
            guard let id = UUID(uuidString: raw) else {
                problems.append(FieldProblem(name, "is not one of the choices"))
                return nil
            }
            return id
        }
        let examID = id("examID")
        let command = ReportIncident.Command(
            kind: kind ?? .incident, category: form["category"] ?? "", occurredAt: occurredAt, roomID: id("roomID"),
            examID: examID, accessionNumber: examID == nil ? form["accessionNumber"] : nil,
            patientID: id("patientID"), staffIDs: id("staffID").map { [$0] } ?? [],
            whatHappened: form["whatHappened"] ?? "", immediateActions: form["immediateActions"] ?? "")
        return (command, problems)
    }
}
