import Foundation
import LightboxDomain

/// Administration of rooms (issue 14): every room and mobile unit with its status, AE title and service hours, and
/// a form to add one. Each room's own page changes it.
struct RoomsPageModel: PageModel {
    static let template = "admin-rooms"

    struct Row: Sendable, Equatable {
        var name: String
        var href: String
        var kind: String
        var status: String
        var statusTag: String
        var reason: String
        var aeTitle: String
        var serviceHours: String
    }

    var layout: LayoutModel
    var rows: [Row]
    var canManage: Bool
    var name: FormField
    var modality: FormField
    var aeTitle: FormField
    var isMobile: Bool
    var errorSummary: ErrorSummary?

    init(layout: LayoutModel, rooms: [Room], canManage: Bool, form: FormBody? = nil, problems: [FieldProblem] = []) {
        self.layout = layout
        rows = rooms.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }.map { room in
            Row(
                name: room.name, href: "/admin/rooms/\(room.id.uuidString)",
                kind: room.modality.rawValue + (room.isMobile ? ", mobile unit" : ""), status: room.status.label,
                statusTag: room.status.tagColour, reason: room.pageReason, aeTitle: room.aeTitle ?? "None",
                serviceHours: room.serviceHours?.description ?? "All hours")
        }
        self.canManage = canManage
        let error = { (field: String) in problems.first { $0.field == field }?.problem }
        name = FormField("name", label: "Name", value: form?["name"], error: error("name"), width: "20")
        modality = .select(
            "modality", label: "Modality", choices: Modality.allCases.map { ($0.rawValue, $0.pageLabel) },
            value: form?["modality"] ?? Modality.DX.rawValue, error: error("modality"))
        aeTitle = FormField(
            "aeTitle", label: "AE title (optional)", value: form?["aeTitle"],
            hint: "The modality's DICOM application entity title, up to 16 characters", error: error("aeTitle"),
            width: "20")
        isMobile = form?["isMobile"] != nil
        errorSummary = ErrorSummary(
            fields: [name, modality, aeTitle],
            general: problems.filter { !["name", "modality", "aeTitle"].contains($0.field) }.map(\.problem))
    }

    /// The add-room command from the form, or the problems with it.
    static func command(_ form: FormBody) -> (AddRoom.Command?, [FieldProblem]) {
        guard let modality = form["modality"].flatMap(Modality.init(rawValue:)) else {
            return (nil, [FieldProblem("modality", "choose the modality")])
        }
        return (
            AddRoom.Command(
                name: form["name"] ?? "", modality: modality, isMobile: form["isMobile"] != nil,
                aeTitle: form["aeTitle"]), []
        )
    }
}

extension Room {
    /// Why the room is not simply in use, and what a restricted room still takes.
    var pageReason: String {
        var parts: [String] = []
        if let reason = statusReason { parts.append(reason) }
        if status == .restricted && !restrictedTo.isEmpty {
            parts.append("Only: " + restrictedTo.map(\.pageSummary).joined(separator: ", "))
        }
        if let hold = qaSuspension {
            parts.append("QA hold: " + hold.testCodes.joined(separator: ", "))
        }
        return parts.joined(separator: ". ")
    }
}

extension RoomStatus {
    /// Tag colour of the status.
    var tagColour: String {
        switch self {
        case .inUse: "green"
        case .restricted: "yellow"
        case .suspended: "red"
        }
    }
}

extension Modality {
    /// The modality as a choice says it ("DX: digital radiography").
    var pageLabel: String {
        switch self {
        case .CR: "CR: computed radiography"
        case .DX: "DX: digital radiography"
        case .RF: "RF: fluoroscopy"
        case .CT: "CT: computed tomography"
        case .MG: "MG: mammography"
        case .US: "US: ultrasound"
        case .NM: "NM: nuclear medicine"
        case .MR: "MR: magnetic resonance"
        case .XA: "XA: angiography"
        }
    }
}
