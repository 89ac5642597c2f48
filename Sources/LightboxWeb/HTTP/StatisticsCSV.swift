import Foundation
import LightboxDomain

/// The statistics as CSV files (one row per line of the page's table), for a manager's spreadsheet.
enum StatisticsCSV {
    static func dm01(_ report: DM01Report) -> String {
        var rows: [[String]] = [
            [
                "all", "All modalities", String(report.waiting), String(report.waitingAtOrOverTarget),
                CSVWriter.number(report.percentAtOrOverTarget),
            ]
        ]
        rows += report.modalities.map {
            [
                "modality", $0.label, String($0.waiting), String($0.waitingAtOrOverTarget),
                CSVWriter.number($0.percentAtOrOverTarget),
            ]
        }
        rows += report.bands.map { ["weeks-waited", $0.label, String($0.waiting), $0.overTarget ? "yes" : "no", ""] }
        return CSVWriter.document(
            header: [
                "group", "label", "waiting", "waiting \(report.waitWeeks) weeks or more (band: at or over target)",
                "percent \(report.waitWeeks) weeks or more",
            ], rows: rows)
    }

    static func turnaround(_ report: TurnaroundReport) -> String {
        func row(_ kind: String, _ group: TurnaroundReport.Group) -> [String] {
            [
                kind, group.label, group.target, String(group.performed), String(group.reported),
                String(group.reportedWithinTarget), String(group.overdue), String(group.awaitingReport),
                CSVWriter.number(group.percentWithinTarget), CSVWriter.number(group.medianHours),
                CSVWriter.number(group.ninetiethPercentileHours),
            ]
        }
        var rows = report.targets.map { row("target", $0) }
        rows += report.byPriority.map { row("priority", $0) }
        rows += report.byPatientSource.map { row("patient source", $0) }
        rows += report.unreportedBeyondLimit.map {
            [
                "unreported beyond \(report.unreportedLimitDays) days", $0.label, "", "", "", "", String($0.count), "",
                "", "", "",
            ]
        }
        return CSVWriter.document(
            header: [
                "group", "label", "target", "performed", "reported", "reported within target", "overdue",
                "awaiting report", "percent within target", "median hours", "90th centile hours",
            ], rows: rows)
    }

    static func rejectRates(_ report: RejectRateReport) -> String {
        func row(_ kind: String, _ row: RejectRateReport.Row) -> [String] {
            [
                kind, row.name, String(row.exams), String(row.imagesAcquired), String(row.imagesRejected),
                CSVWriter.number(row.ratePercent), row.flagLabel,
            ]
        }
        var rows = [row("department", report.department)]
        rows += report.rooms.map { row("room", $0) }
        rows += report.operators.map { row("operator", $0) }
        return CSVWriter.document(
            header: [
                "group", "name", "exams", "images acquired", "images rejected", "reject rate percent",
                "against the \(CSVWriter.number(report.lowPercent))-\(CSVWriter.number(report.highPercent)) % band",
            ], rows: rows)
    }

    static func pregnancy(_ report: PregnancyRecordingReport) -> String {
        var rows = [
            [
                "All exams", "", String(report.applicable), String(report.recorded),
                CSVWriter.number(report.percentRecorded),
            ]
        ]
        rows += report.exams.map {
            [$0.name, $0.examCode, String($0.applicable), String($0.recorded), CSVWriter.number($0.percentRecorded)]
        }
        return CSVWriter.document(
            header: ["exam", "code", "enquiry applies", "status recorded", "percent recorded"], rows: rows)
    }

    static func activity(_ report: RoomActivityReport) -> String {
        CSVWriter.document(
            header: ["room", "exams", "images acquired", "by modality"],
            rows: report.rooms.map { room in
                [
                    room.name, String(room.exams), String(room.imagesAcquired),
                    room.byModality.map { "\($0.modality.rawValue) \($0.exams)" }.joined(separator: "; "),
                ]
            })
    }

    static func dataset(_ export: DIDExport) -> String {
        CSVWriter.document(header: DIDRecord.header, rows: export.records.map(\.fields))
    }
}
