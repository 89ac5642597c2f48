import Foundation
import LightboxDomain

/// The equipment page's forms for faults and cleaning (issue 17): report a fault (anyone in the rooms), record the
/// engineering job and close a fault (those who manage faults), log a room's clean (those who record cleaning), with
/// the recent cleaning log; and add an item to the equipment register (those who manage equipment). Each posts to the use case its API route calls; a refused form comes back with its errors
/// beside the fields and in the page's error summary.
struct EquipmentOperationsForms: Sendable, Equatable {
    /// The forms, by the path segment each posts to under `/equipment/`.
    enum Form: String, Sendable {
        case fault = "faults"
        case engineering = "faults/engineering"
        case closure = "faults/closure"
        case cleaning = "cleaning"
        case item = "items"
    }

    struct CleaningRow: Sendable, Equatable {
        var cleanedAt: String
        var room: String
        var method: String
        var after: String
        var by: String
    }

    var canReportFault: Bool
    var canManageFaults: Bool
    var hasOpenFaults: Bool
    var canRecordCleaning: Bool
    var faultFields: [FormField]
    var engineeringFields: [FormField]
    var closureFields: [FormField]
    var cleaningFields: [FormField]
    var canManageEquipment: Bool
    var itemFields: [FormField]
    var cleaning: [CleaningRow]
    var hasCleaning: Bool
    var errorSummary: ErrorSummary?

    init(
        rooms: [Room], items: [EquipmentItem], openFaults: [Fault], cleaningLog: [CleaningRecord],
        canReportFault: Bool, canManageFaults: Bool, canRecordCleaning: Bool, canManageEquipment: Bool = false,
        timeZone: TimeZone,
        failed: Form? = nil, form: FormBody = FormBody(pairs: []), problems: [FieldProblem] = [],
        general: [String] = []
    ) {
        self.canReportFault = canReportFault
        self.canManageFaults = canManageFaults
        self.canRecordCleaning = canRecordCleaning
        self.canManageEquipment = canManageEquipment
        hasOpenFaults = !openFaults.isEmpty
        let names = Dictionary(rooms.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let format = PageFormat(timeZone)
        func value(_ which: Form, _ name: String) -> String? { failed == which ? form[name] : nil }
        func error(_ which: Form, _ name: String, as field: String? = nil) -> String? {
            guard failed == which else { return nil }
            return problems.first { $0.field == name }.map { "\(Self.label(field ?? name)) \($0.problem)" }
        }
        let roomChoices = [("", "Choose a room")] + rooms.map { ($0.id.uuidString, $0.name) }
        let faultChoices =
            [("", "Choose a fault")]
            + openFaults.map {
                ($0.id.uuidString, "\(names[$0.roomID] ?? ""): \($0.description.prefix(80))")
            }
        faultFields = [
            .select(
                "roomID", label: Self.label("roomID"), choices: roomChoices, value: value(.fault, "roomID"),
                error: error(.fault, "roomID")),
            .select(
                "equipmentID", label: Self.label("equipmentID"),
                choices: [("", "The room in general")]
                    + items.filter { $0.decommissionedOn == nil }.map {
                        ($0.id.uuidString, "\(names[$0.roomID] ?? ""): \($0.description), \($0.maker) \($0.model)")
                    },
                value: value(.fault, "equipmentID"), error: error(.fault, "equipmentID")),
            FormField(
                "description", label: Self.label("description"), value: value(.fault, "description"),
                hint: "What happened, any error code shown", error: error(.fault, "description"), multiline: true),
            .select(
                "roomOutOfUse", label: Self.label("roomOutOfUse"),
                choices: [("no", "Yes, the room can still be used"), ("yes", "No, the room is out of use")],
                value: value(.fault, "roomOutOfUse"), error: error(.fault, "roomOutOfUse")),
        ]
        engineeringFields = [
            .select(
                "engineeringFaultID", label: Self.label("faultID"), choices: faultChoices,
                value: value(.engineering, "engineeringFaultID"),
                error: error(.engineering, "faultID", as: "engineeringFaultID")),
            FormField(
                "engineeringReference", label: Self.label("engineeringReference"),
                value: value(.engineering, "engineeringReference"),
                error: error(.engineering, "engineeringReference")),
        ]
        closureFields = [
            .select(
                "closureFaultID", label: Self.label("faultID"), choices: faultChoices,
                value: value(.closure, "closureFaultID"), error: error(.closure, "faultID", as: "closureFaultID")),
            FormField(
                "resolution", label: Self.label("resolution"), value: value(.closure, "resolution"),
                hint: "What engineering did; the downtime ends now", error: error(.closure, "resolution"),
                multiline: true),
        ]
        cleaningFields = [
            .select(
                "cleaningRoomID", label: Self.label("cleaningRoomID"), choices: roomChoices,
                value: value(.cleaning, "cleaningRoomID"), error: error(.cleaning, "roomID", as: "cleaningRoomID")),
            FormField(
                "method", label: Self.label("method"), value: value(.cleaning, "method"),
                hint: "For example: surfaces and couch wiped with chlorine 1,000 ppm", error: error(.cleaning, "method")
            ),
        ]
        itemFields = [
            .select(
                "itemRoomID", label: Self.label("itemRoomID"), choices: roomChoices, value: value(.item, "itemRoomID"),
                error: error(.item, "roomID", as: "itemRoomID")),
            FormField(
                "itemDescription", label: Self.label("itemDescription"), value: value(.item, "itemDescription"),
                hint: "For example: ceiling-mounted X-ray tube, CT scanner, mobile C-arm",
                error: error(.item, "description", as: "itemDescription")),
            FormField(
                "maker", label: Self.label("maker"), value: value(.item, "maker"), error: error(.item, "maker")),
            FormField(
                "model", label: Self.label("model"), value: value(.item, "model"), error: error(.item, "model")),
            FormField(
                "serialNumber", label: Self.label("serialNumber"), value: value(.item, "serialNumber"),
                error: error(.item, "serialNumber"), width: "20"),
            FormField(
                "installedOn", label: Self.label("installedOn"), value: value(.item, "installedOn"),
                error: error(.item, "installedOn"), type: "date", width: "10"),
            FormField(
                "stationAETitle", label: Self.label("stationAETitle"), value: value(.item, "stationAETitle"),
                hint: "The DICOM station's AE title, if it sends images or takes a worklist (up to 16 characters)",
                error: error(.item, "stationAETitle"), width: "20"),
        ]
        cleaning = cleaningLog.map {
            CleaningRow(
                cleanedAt: format.dateTime($0.cleanedAt), room: names[$0.roomID] ?? "", method: $0.method,
                after: $0.precaution.map { "After a patient on \($0.label.lowercased()) precautions" } ?? "Routine",
                by: $0.cleanedBy)
        }
        hasCleaning = !cleaning.isEmpty
        let fields = faultFields + engineeringFields + closureFields + cleaningFields + itemFields
        let shown: Set<String> = [
            "roomID", "equipmentID", "description", "roomOutOfUse", "faultID", "engineeringReference", "resolution",
            "method", "maker", "model", "serialNumber", "installedOn", "stationAETitle",
        ]
        errorSummary = ErrorSummary(
            fields: fields,
            general: general + problems.filter { !shown.contains($0.field) }.map { "\($0.field) \($0.problem)" })
    }

    static func label(_ name: String) -> String {
        switch name {
        case "roomID": "Room"
        case "equipmentID": "Item of equipment"
        case "description": "What is wrong"
        case "roomOutOfUse": "Can the room still be used?"
        case "faultID", "engineeringFaultID", "closureFaultID": "Fault"
        case "engineeringReference": "Engineering job reference"
        case "resolution": "How it was resolved"
        case "cleaningRoomID": "Room cleaned"
        case "itemRoomID": "Room it is in"
        case "itemDescription": "What it is"
        case "maker": "Maker"
        case "model": "Model"
        case "serialNumber": "Serial number"
        case "installedOn": "Installation date (optional)"
        case "stationAETitle": "DICOM station AE title (optional)"
        default: "How it was cleaned"
        }
    }
}
