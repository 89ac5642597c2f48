import Foundation
import LightboxDomain

/// The physicist's form to export the dose register as CSV: the period, modality, room and whether one row
/// per exam or per irradiation event; problems are shown against each field and in the summary above.
struct DoseExportPageModel: PageModel {
    static let template = "dose-export"
    var layout: LayoutModel
    var errorSummary: ErrorSummary?
    var fields: [FormField]
    /// The columns of each level, listed under the form so a physicist knows what the file holds.
    var examColumns: String
    var eventColumns: String

    /// The form's field names, as the export's command names its fields.
    static let names = ["from", "to", "modality", "roomID", "level"]

    init(
        layout: LayoutModel, rooms: [Room], values: (String) -> String? = { _ in nil }, problems: [FieldProblem] = [],
        general: [String] = []
    ) {
        self.layout = layout
        func error(_ name: String) -> String? {
            problems.first { $0.field == name }.map { "\(Self.label(name)) \($0.problem)" }
        }
        let modalities = Modality.allCases.filter(\.usesIonisingRadiation)
        fields = [
            FormField(
                "from", label: Self.label("from"), value: values("from"),
                hint: "Leave blank for 30 days before the last day",
                error: error("from"), type: "date", width: "10"),
            FormField(
                "to", label: Self.label("to"), value: values("to"), hint: "Included; leave blank for today",
                error: error("to"), type: "date", width: "10"),
            .select(
                "modality", label: Self.label("modality"),
                choices: [("", "Every modality")] + modalities.map { ($0.rawValue, $0.rawValue) },
                value: values("modality") ?? "", error: error("modality")),
            .select(
                "roomID", label: Self.label("roomID"),
                choices: [("", "Every room")] + rooms.map { ($0.id.uuidString, $0.name) },
                value: values("roomID") ?? "", error: error("roomID")),
            .select(
                "level", label: Self.label("level"),
                choices: ExportDoseRegister.Level.allCases.map { ($0.rawValue, $0.label) },
                value: values("level") ?? ExportDoseRegister.Level.exam.rawValue, error: error("level")),
        ]
        errorSummary = ErrorSummary(fields: fields, general: general)
        examColumns = (DoseRegisterCSV.examHeader + DoseRegisterCSV.totalsHeader).joined(separator: ", ")
        eventColumns = (DoseRegisterCSV.examHeader + DoseRegisterCSV.eventHeader).joined(separator: ", ")
    }

    static func label(_ name: String) -> String {
        switch name {
        case "from": "First day performed"
        case "to": "Last day performed"
        case "modality": "Modality"
        case "roomID": "Room"
        case "level": "Rows"
        default: name
        }
    }
}
