import Foundation
import LightboxDomain

/// The dose register export's filter as the API's query and the export page's form give it: days as
/// YYYY-MM-DD, a modality code, a room id, the level. Problems are named by field.
enum DoseExportQuery {
    static func command(_ value: (String) -> String?) -> (ExportDoseRegister.Command?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        func day(_ name: String) -> CalendarDate? {
            guard let raw = value(name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let date = try? CalendarDate(iso: raw) else {
                problems.append(FieldProblem(name, "must be a date as YYYY-MM-DD"))
                return nil
            }
            return date
        }
        let from = day("from")
        let to = day("to")
        var modality: Modality?
        if let raw = value("modality"), !raw.isEmpty {
            modality = Modality(rawValue: raw.uppercased())
            if modality == nil {
                problems.append(
                    FieldProblem(
                        "modality",
                        "must be one of " + Modality.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        var roomID: UUID?
        if let raw = value("roomID"), !raw.isEmpty {
            roomID = UUID(uuidString: raw)
            if roomID == nil { problems.append(FieldProblem("roomID", "must be a room's id")) }
        }
        var level = ExportDoseRegister.Level.exam
        if let raw = value("level"), !raw.isEmpty {
            guard let chosen = ExportDoseRegister.Level(rawValue: raw) else {
                problems.append(FieldProblem("level", "must be exam or event"))
                return (nil, problems)
            }
            level = chosen
        }
        guard problems.isEmpty else { return (nil, problems) }
        return (ExportDoseRegister.Command(from: from, to: to, modality: modality, roomID: roomID, level: level), [])
    }
}
