import Foundation
import LightboxDomain

/// One room's administration (issue 14): its status (in use, restricted to some exams, or suspended, with the
/// reason), its AE title and its service hours, each a form over the API's use case.
struct RoomPageModel: PageModel {
    static let template = "admin-room"

    struct Day: Sendable, Equatable {
        var id: String
        var value: String
        var label: String
        var checked: Bool
    }

    var layout: LayoutModel
    var action: String
    var summary: [SummaryRow]
    var status: FormField
    var reason: FormField
    var restrictedTo: FormField
    var aeTitle: FormField
    var days: [Day]
    var daysError: String?
    var opens: FormField
    var closes: FormField
    var errorSummary: ErrorSummary?

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    init(layout: LayoutModel, room: Room, form: FormBody? = nil, problems: [FieldProblem] = []) {
        self.layout = layout
        action = "/admin/rooms/\(room.id.uuidString)"
        summary = [
            SummaryRow("Room", room.name),
            SummaryRow("Modality", room.modality.pageLabel + (room.isMobile ? ", mobile unit" : "")),
            SummaryRow("Status", room.status.label + (room.pageReason.isEmpty ? "" : ": " + room.pageReason)),
            SummaryRow("AE title", room.aeTitle ?? "None"),
            SummaryRow("Service hours", room.serviceHours?.description ?? "All hours"),
        ]
        let error = { (field: String) in problems.first { $0.field == field }?.problem }
        status = .select(
            "status", label: "Status", choices: RoomStatus.allCases.map { ($0.rawValue, $0.label) },
            value: form?["status"] ?? room.status.rawValue, error: error("status"))
        reason = FormField(
            "reason", label: "Reason", value: form?["reason"] ?? room.statusReason,
            hint: "Required when the room is restricted or suspended", error: error("reason"))
        restrictedTo = FormField(
            "restrictedTo", label: "Restricted to",
            value: form?["restrictedTo"] ?? room.restrictedTo.map(\.pageSummary).joined(separator: ", "),
            hint: "For a restricted room: the modalities, exam codes or body regions it still takes, separated by "
                + "commas, for example chest, XKNEL",
            error: error("restrictedTo"))
        aeTitle = FormField(
            "aeTitle", label: "AE title", value: form?["aeTitle"] ?? room.aeTitle,
            hint: "Leave empty for a room with no modality worklist", error: error("aeTitle"), width: "20")
        let ticked =
            form.map { Set($0.all("serviceHours.days")) } ?? Set((room.serviceHours?.days ?? []).map(String.init))
        days = Self.dayNames.enumerated().map { index, name in
            Day(
                id: "day-\(index + 1)", value: String(index + 1), label: name,
                checked: ticked.contains(String(index + 1)))
        }
        daysError = error("serviceHours.days")
        opens = FormField(
            "serviceHours.opens", label: "Opens (hour)",
            value: form?["serviceHours.opens"]
                ?? room.serviceHours.map { String($0.opens) }, hint: "0 to 23", error: error("serviceHours.opens"),
            type: "number", width: "10")
        closes = FormField(
            "serviceHours.closes", label: "Closes (hour)",
            value: form?["serviceHours.closes"]
                ?? room.serviceHours.map { String($0.closes) }, hint: "1 to 24", error: error("serviceHours.closes"),
            type: "number", width: "10")
        var summaryFields = [status, reason, restrictedTo, aeTitle, opens, closes]
        if let daysError {
            var dayField = FormField("serviceHours.days", label: "Days", error: daysError)
            dayField.id = "day-1"
            summaryFields.insert(dayField, at: 4)
        }
        let known = Set(summaryFields.map(\.name))
        errorSummary = ErrorSummary(
            fields: summaryFields, general: problems.filter { !known.contains($0.field) }.map(\.problem))
    }

    /// The status command from the form, or the problems with it.
    static func statusCommand(_ form: FormBody, roomID: UUID) -> (SetRoomStatus.Command?, [FieldProblem]) {
        guard let status = form["status"].flatMap(RoomStatus.init(rawValue:)) else {
            return (nil, [FieldProblem("status", "choose a status")])
        }
        let scopes = (form["restrictedTo"] ?? "").split(separator: ",").map {
            ExamScope.parse($0.trimmingCharacters(in: .whitespaces))
        }.filter { !$0.isEmpty }
        return (SetRoomStatus.Command(roomID: roomID, status: status, reason: form["reason"], restrictedTo: scopes), [])
    }

    /// The service hours from the form: none at all (no day ticked, no hours) means all hours.
    static func serviceHoursCommand(_ form: FormBody, roomID: UUID) -> (SetRoomServiceHours.Command?, [FieldProblem]) {
        let days = form.all("serviceHours.days").compactMap { Int($0) }
        let opensText = form["serviceHours.opens"]
        let closesText = form["serviceHours.closes"]
        if days.isEmpty && opensText == nil && closesText == nil {
            return (SetRoomServiceHours.Command(roomID: roomID, serviceHours: nil), [])
        }
        var problems: [FieldProblem] = []
        let opens = opensText.flatMap { Int($0) }
        let closes = closesText.flatMap { Int($0) }
        if days.isEmpty { problems.append(FieldProblem("serviceHours.days", "tick the days the room is open")) }
        if opens == nil { problems.append(FieldProblem("serviceHours.opens", "enter the opening hour as a number")) }
        if closes == nil { problems.append(FieldProblem("serviceHours.closes", "enter the closing hour as a number")) }
        guard let opens, let closes, problems.isEmpty else { return (nil, problems) }
        return (
            SetRoomServiceHours.Command(
                roomID: roomID, serviceHours: ServiceHours(days: days, opens: opens, closes: closes)), []
        )
    }
}

extension ExamScope {
    /// A scope typed by a person: a modality, a body region in words or as one word, else an exam code.
    static func parse(_ text: String) -> ExamScope {
        if let modality = Modality(rawValue: text.uppercased()) { return ExamScope(modality: modality) }
        let squeezed = text.lowercased().replacingOccurrences(of: " ", with: "")
        if let region = BodyRegion.allCases.first(where: { $0.rawValue.lowercased() == squeezed }) {
            return ExamScope(bodyRegion: region)
        }
        return text.isEmpty ? ExamScope() : ExamScope(examCode: text.uppercased())
    }
}
