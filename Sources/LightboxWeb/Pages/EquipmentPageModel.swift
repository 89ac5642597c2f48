import Foundation
import LightboxDomain

/// The equipment and QA page (issue 17): each room's status and equipment, the QA alerts for the physicist, the
/// QA results entry form (for those who record QA) and history, and the open faults with their downtime.
struct EquipmentPageModel: PageModel {
    static let template = "equipment"

    struct RoomRow: Sendable, Equatable {
        var name: String
        var modality: String
        var status: String
        var reason: String
        var hours: String
        var cleaning: String
        var equipment: [String]
        var id: String
        /// Who covers the room today, by session (set by `showRota`).
        var rotaToday: String? = nil
        /// Who covers it on each of the next six days.
        var rotaWeek: [String] = []
    }

    struct AlertRow: Sendable, Equatable {
        var kind: String
        var room: String
        var test: String
        var summary: String
        var failed: Bool
    }

    struct ResultRow: Sendable, Equatable {
        var performedAt: String
        var room: String
        var test: String
        var value: String
        var grade: String
        var failed: Bool
        var by: String
    }

    struct FaultRow: Sendable, Equatable {
        var reportedAt: String
        var room: String
        var description: String
        var status: String
        var reference: String
        var downtime: String
    }

    var layout: LayoutModel
    var rooms: [RoomRow]
    /// The rooms' rota is shown (to those who read the rota).
    var showsRota = false
    var alerts: [AlertRow]
    var hasAlerts: Bool
    var results: [ResultRow]
    var hasResults: Bool
    var faults: [FaultRow]
    var hasFaults: Bool
    /// The QA entry form, for those who record QA.
    var canRecordQA: Bool
    var fields: [FormField]
    var errorSummary: ErrorSummary?
    /// The fault and cleaning forms and the cleaning log.
    var operations: EquipmentOperationsForms?

    /// The form's field names, as `RecordQAResult` names its fields.
    static let names = ["roomID", "testCode", "value", "notes"]

    init(
        layout: LayoutModel, rooms: [Room], items: [EquipmentItem], tests: [QATest], alerts: [QAAlert],
        results: [QAResult], faults: [Fault], canRecordQA: Bool, now: Date, configuration: DepartmentConfiguration,
        form: FormBody = FormBody(pairs: []), problems: [FieldProblem] = [], general: [String] = [],
        operations: EquipmentOperationsForms? = nil
    ) {
        self.layout = layout
        self.operations = operations
        let names = Dictionary(rooms.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let format = PageFormat(configuration.timeZone)
        let department = ServiceHours.everyDay(configuration.serviceHours)
        self.rooms = rooms.map { room in
            RoomRow(
                name: room.name, modality: room.modality.rawValue, status: room.status.label,
                reason: room.statusReason ?? "", hours: (room.serviceHours ?? department).description,
                cleaning: room.cleaningDue.map { "Clean due after \($0.accessionNumber) (\($0.precaution.label))" }
                    ?? "",
                equipment: items.filter { $0.roomID == room.id && $0.decommissionedOn == nil }.map { item in
                    "\(item.description): \(item.maker) \(item.model), serial \(item.serialNumber)"
                        + (item.stationAETitle.map { ", AE title \($0)" } ?? "")
                }, id: room.id.uuidString)
        }
        self.alerts = alerts.map {
            AlertRow(
                kind: $0.kind.label, room: $0.roomName, test: $0.testName, summary: $0.summary,
                failed: $0.kind == .failed)
        }
        hasAlerts = !alerts.isEmpty
        self.results = results.map {
            ResultRow(
                performedAt: format.dateTime($0.performedAt), room: names[$0.roomID] ?? "",
                test: $0.testName, value: "\($0.value.formatted()) \($0.unit)", grade: $0.grade.label,
                failed: $0.grade != .pass, by: $0.performedBy)
        }
        hasResults = !results.isEmpty
        self.faults = faults.map {
            FaultRow(
                reportedAt: format.dateTime($0.reportedAt), room: names[$0.roomID] ?? "",
                description: $0.description, status: $0.status.label, reference: $0.engineeringReference ?? "",
                downtime: $0.roomOutOfUse ? "\($0.downtimeMinutes(now: now)) minutes" : "Room still in use")
        }
        hasFaults = !faults.isEmpty
        self.canRecordQA = canRecordQA
        func error(_ name: String) -> String? {
            problems.first { $0.field == name }.map { "\(Self.label(name)) \($0.problem)" }
        }
        fields = [
            .select(
                "roomID", label: "Room", choices: rooms.map { ($0.id.uuidString, $0.name) }, value: form["roomID"],
                error: error("roomID")),
            .select(
                "testCode", label: "Test",
                choices: tests.map {
                    ($0.code, "\($0.name) (\($0.modality.rawValue), \($0.frequency.label.lowercased()))")
                },
                value: form["testCode"], error: error("testCode")),
            FormField(
                "value", label: "Measured value", value: form["value"], hint: "In the test's unit",
                error: error("value"),
                width: "10"),
            FormField("notes", label: "Notes (optional)", value: form["notes"], error: error("notes"), multiline: true),
        ]
        errorSummary =
            operations?.errorSummary
            ?? ErrorSummary(
                fields: fields,
                general: general
                    + problems.filter { !Self.names.contains($0.field) }.map { "\($0.field) \($0.problem)" })
    }

    static func label(_ name: String) -> String {
        switch name {
        case "roomID": "Room:"
        case "testCode": "Test:"
        case "value": "Measured value:"
        default: "Notes:"
        }
    }
}

extension RoomStatus {
    /// The status as staff say it.
    var label: String {
        switch self {
        case .inUse: "In use"
        case .restricted: "Restricted"
        case .suspended: "Suspended"
        }
    }
}
