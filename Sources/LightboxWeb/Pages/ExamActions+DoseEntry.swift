import Foundation
import LightboxDomain

extension ExamActions {
    /// The units offered for each typed dose figure (the register converts them; ``DoseUnit``), the
    /// register's own unit first.
    static let doseUnitChoices: [String: [(String, String)]] = [
        "doseAreaProduct": [
            ("Gy.cm2", "Gy·cm²"), ("dGy.cm2", "dGy·cm²"), ("cGy.cm2", "cGy·cm²"), ("mGy.cm2", "mGy·cm²"),
            ("uGy.m2", "µGy·m²"),
        ],
        "referencePointDose": [("mGy", "mGy"), ("Gy", "Gy")],
        "fluoroscopyTime": [("s", "seconds"), ("min", "minutes")],
        "ctdiVol": [("mGy", "mGy")],
        "dlp": [("mGy.cm", "mGy·cm"), ("Gy.cm", "Gy·cm")],
        "averageGlandularDoseLeft": [("mGy", "mGy")],
        "averageGlandularDoseRight": [("mGy", "mGy")],
        "administeredActivity": [("MBq", "MBq"), ("GBq", "GBq")],
        "peakSkinDose": [("mGy", "mGy"), ("Gy", "Gy")],
    ]

    /// The form to type an exam's dose figures (the register's source of last resort: an RDSR, MPPS or
    /// image headers take precedence when they arrive), with the figures that fit the modality, each with
    /// its unit; the use case checks units and plausible ranges and names each wrong field.
    static func doseEntryForm(_ base: String, _ exam: Exam, _ sent: FormBody) -> ActionForm {
        func figure(_ name: String, _ label: String, hint: String? = nil) -> [FormField] {
            let units = doseUnitChoices[name] ?? []
            return [
                FormField(name, label: label, value: sent[name], hint: hint, width: "10"),
                .select(
                    name + ".unit", label: "\(label): unit", choices: units,
                    value: sent[name + ".unit"] ?? units.first?.0),
            ]
        }
        var fields: [FormField] = []
        switch exam.modality {
        case .CT:
            fields += figure("ctdiVol", "CTDIvol", hint: "The highest of the acquisitions")
            fields.append(
                .select(
                    "phantomDiameterCm", label: "CTDIvol phantom",
                    choices: [("", "Choose the phantom"), ("16", "16 cm (head)"), ("32", "32 cm (body)")],
                    value: sent["phantomDiameterCm"] ?? ""))
            fields += figure("dlp", "DLP", hint: "Total for the exam")
            fields.append(FormField("kilovolts", label: "kV", value: sent["kilovolts"], width: "10"))
        case .MG:
            fields += figure("averageGlandularDoseLeft", "Average glandular dose, left breast")
            fields += figure("averageGlandularDoseRight", "Average glandular dose, right breast")
            fields.append(
                FormField(
                    "numberOfExposures", label: "Number of exposures", value: sent["numberOfExposures"], width: "10"))
        case .NM:
            fields += figure("administeredActivity", "Administered activity")
            fields.append(
                FormField("radiopharmaceutical", label: "Radiopharmaceutical", value: sent["radiopharmaceutical"]))
        default:
            fields += figure("doseAreaProduct", "Dose area product", hint: "Total for the exam, as the meter shows it")
            fields.append(
                FormField(
                    "numberOfExposures", label: "Number of exposures", value: sent["numberOfExposures"], width: "10"))
            fields.append(FormField("kilovolts", label: "kV", value: sent["kilovolts"], width: "10"))
            fields.append(FormField("milliampereSeconds", label: "mAs", value: sent["milliampereSeconds"], width: "10"))
            if exam.modality == .RF || exam.modality == .XA {
                fields += figure("fluoroscopyTime", "Screening time")
                fields += figure("referencePointDose", "Dose at the reference point")
                fields += figure("peakSkinDose", "Peak skin dose", hint: "Where the unit's skin dose map gives it")
            }
        }
        return ActionForm(
            id: "dose-entry", title: "Dose figures",
            intro: "Type the figures as the equipment shows them, with their unit. A dose report from the "
                + "equipment takes precedence when it arrives; a new entry replaces this one.",
            action: base + "/dose", button: "Record dose figures", fields: fields)
    }
}

extension ExamActionCommands {
    /// The dose entry form's command: each figure with its unit, or the fields that are not numbers.
    static func doseEntry(_ examID: UUID, _ form: FormBody) -> Parsed<RecordDoseEntry.Command> {
        var problems: [FieldProblem] = []
        func value(_ name: String) -> RecordDoseEntry.Value? {
            guard let text = form[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let number = Double(text.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
                problems.append(FieldProblem(name, "enter a number, like 0.12"))
                return nil
            }
            return RecordDoseEntry.Value(number, form[name + ".unit"] ?? "")
        }
        func count(_ name: String) -> Int? {
            guard let text = form[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let number = Int(text) else {
                problems.append(FieldProblem(name, "enter a whole number, like 2"))
                return nil
            }
            return number
        }
        var phantom: Int?
        if let text = form["phantomDiameterCm"], !text.isEmpty { phantom = Int(text) }
        let command = RecordDoseEntry.Command(
            examID: examID, doseAreaProduct: value("doseAreaProduct"), referencePointDose: value("referencePointDose"),
            fluoroscopyTime: value("fluoroscopyTime"), numberOfExposures: count("numberOfExposures"),
            kilovolts: number(form, "kilovolts", into: &problems),
            milliampereSeconds: number(form, "milliampereSeconds", into: &problems), ctdiVol: value("ctdiVol"),
            phantomDiameterCm: phantom, dlp: value("dlp"), averageGlandularDoseLeft: value("averageGlandularDoseLeft"),
            averageGlandularDoseRight: value("averageGlandularDoseRight"),
            administeredActivity: value("administeredActivity"),
            radiopharmaceutical: form["radiopharmaceutical"], peakSkinDose: value("peakSkinDose"))
        return problems.isEmpty ? (command, []) : (nil, problems)
    }
}
