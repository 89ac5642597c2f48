import Foundation
import LightboxDomain

/// The incident export as CSV (`CSVWriter`: formula-safe cells; moments as YYYY-MM-DD HH:MM in the department's zone). The de-identified variant has no patient columns at
/// all, so a spreadsheet made from it cannot carry them by mistake.
enum IncidentCSV {
    static func document(_ export: IncidentExport, timeZone: TimeZone) -> String {
        let patientHeader = ["Accession number", "Patient", "NHS number", "Hospital number", "Date of birth"]
        var header = [
            "Reference", "Kind", "Category", "Status", "Occurred", "Reported", "Room", "Modality", "Exam",
        ]
        if export.identifiable { header += patientHeader }
        header += [
            "Staff involved", "What happened", "Immediate actions", "Investigation owner", "Findings", "Actions",
            "Closure", "Closed", "Dose incident (SAUE)", "Dose incident status", "Duty of candour contacts",
            "Not yet told", "Why not told",
        ]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let moment = { (date: Date) in formatter.string(from: date) }
        let rows = export.rows.map { row in
            var cells = [
                row.reference, row.kind, row.category, row.status, moment(row.occurredAt),
                moment(row.reportedAt), row.room ?? "", row.modality?.rawValue ?? "", row.examName ?? "",
            ]
            if export.identifiable {
                cells += [
                    row.accessionNumber ?? "", row.patientName ?? "", row.nhsNumber ?? "", row.hospitalNumber ?? "",
                    row.dateOfBirth?.iso ?? "",
                ]
            }
            cells += [
                row.staff.joined(separator: "; "), row.whatHappened, row.immediateActions,
                row.investigationOwner ?? "", row.findings ?? "", row.actions ?? "", row.closure ?? "",
                row.closedAt.map(moment) ?? "", row.saueReference ?? "", row.saueStatus ?? "",
                row.candourContacts.joined(separator: "; "), row.candourOutstanding.joined(separator: "; "),
                row.candourNotNeededReason ?? "",
            ]
            return cells
        }
        return CSVWriter.document(header: header, rows: rows)
    }
}
