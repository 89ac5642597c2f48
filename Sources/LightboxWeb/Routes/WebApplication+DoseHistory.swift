import Foundation
import Hummingbird
import LightboxDomain
import NIOCore

extension EffectiveDoseEstimate {
    static var example: EffectiveDoseEstimate {
        let coefficient = EffectiveDoseCoefficient(
            procedure: .ct, bodyRegion: .head, examCode: "CHEADN", milliSievertPerUnit: 0.0021,
            source: EffectiveDoseCoefficients.aapm96)
        return EffectiveDoseEstimate(
            milliSievert: 1.68, metric: .dlp, figure: 800, coefficient: coefficient,
            arithmetic: "DLP 800 mGy·cm × 0.0021 mSv per mGy·cm = 1.68 mSv", adultCoefficientForChild: false)
    }
}

/// Body of `GET /api/patients/{patientID}/dose`.
extension PatientDoseHistory: APISchema {
    public static let schemaName = "PatientDoseHistory"
    public static var example: PatientDoseHistory {
        let entry = Entry(
            examID: Examples.id(2), accessionNumber: "RVJ2026000123", examCode: "CHEADN", examName: "CT Head",
            modality: .CT, bodyRegion: .head, performedAt: Examples.now, roomID: Examples.id(4), source: .rdsr,
            procedure: .ct, doseAreaProductGyCm2: 0.5, referencePointDoseMilligray: 12, fluoroscopySeconds: 30,
            ctdiVolMilligray: 45, dlpMilligrayCm: 800,
            averageGlandularDose: [BreastGlandularDose(laterality: "left", milligray: 1.4)],
            administeredActivityMBq: 400, peakSkinDoseMilligray: 150, effectiveDose: EffectiveDoseEstimate.example,
            noEstimateReason: "no effective dose coefficient for nuclear medicine of NMBONE", openAlerts: 1)
        return PatientDoseHistory(
            patientID: Examples.id(1), at: Examples.now, entries: [entry],
            cumulative: [
                Cumulative(
                    days: 365, from: Examples.now.addingTimeInterval(-365 * 86_400), exams: 1, examsWithEstimate: 1,
                    effectiveDoseMilliSievert: 1.68, doseAreaProductGyCm2: 0.5, referencePointDoseMilligray: 12,
                    fluoroscopySeconds: 30, dlpMilligrayCm: 800, peakSkinDoseMilligray: 150)
            ])
    }
}

extension WebApplication {
    static var doseHistoryRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/patients/{patientID}/dose", id: "getPatientDoseHistory",
                summary:
                    "A patient's dose history: every exam's figures with an effective dose estimate (coefficient and "
                    + "arithmetic shown) and cumulative totals over the configured windows (audited)",
                tag: "Dose", access: .permission(.viewDoseRegister), body: NoBody.self,
                response: PatientDoseHistory.self, problems: [.notFound]
            ) { call, _ in
                try await call.department.viewPatientDoseHistory(
                    .init(patientID: try call.id("patientID")), by: call.actor)
            },
            .raw(
                .get, "/api/dose/export", id: "exportDoseRegister",
                summary:
                    "The dose register as CSV, streamed: one row per exam (level=exam) or per irradiation event "
                    + "(level=event), performed from..to, of a modality, in a room (audited; no patient names)",
                tag: "Dose", access: .permission(.viewDoseRegister),
                query: [
                    QueryParameter("from", "First day performed (default 30 days before to)", format: "date"),
                    QueryParameter("to", "Last day performed, included (default today)", format: "date"),
                    QueryParameter("modality", "Modality code (CT, DX, RF …)"),
                    QueryParameter("roomID", "Room", format: "uuid"),
                    QueryParameter("level", "exam (default) or event"),
                ], responseContentType: "text/csv", problems: [.unprocessableContent]
            ) { call in
                let (command, errors) = DoseExportQuery.command(call.query)
                guard errors.isEmpty, let command else {
                    throw Problem.invalid(
                        "The export's filter is not valid.",
                        errors: errors.map { Problem.FieldError(field: $0.field, problem: $0.problem) })
                }
                let export = try await call.department.exportDoseRegister.start(command, by: call.actor)
                return WebApplication.doseExportResponse(
                    export, timeZone: call.department.environment.configuration.timeZone)
            },
        ]
    }

    /// The export streamed as CSV, a page of exams at a time.
    static func doseExportResponse(_ export: ExportDoseRegister.Export, timeZone: TimeZone) -> Response {
        let level = export.level
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: DoseRegisterCSV.header(level)))
            var index = 0
            while true {
                let items = try await export.page(index)
                if items.isEmpty { break }
                var chunk = ""
                for item in items { chunk += DoseRegisterCSV.lines(item, level: level, timeZone: timeZone) }
                try await writer.write(ByteBuffer(string: chunk))
                if items.count < ExportDoseRegister.pageSize { break }
                index += 1
            }
            try await writer.finish(nil)
        }
        let name =
            "dose-register-\(level == .exam ? "exams" : "events")-\(export.firstDay.iso)-\(export.lastDay.iso).csv"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"",
                .cacheControl: "no-store",
            ], body: body)
    }
}
