import Foundation
import HTTPTypes
import Hummingbird
import LightboxDomain
import NIOCore

extension WebApplication {
    static let periodParameters = [
        QueryParameter("from", "First day of the period (YYYY-MM-DD; default the first of this month)"),
        QueryParameter("to", "Last day of the period, included (YYYY-MM-DD; default today)"),
        QueryParameter("format", "json (default) or csv (instead of the Accept header)"),
    ]

    static var statisticsRoutes: [APIRoute] {
        [
            .raw(
                .get, "/api/statistics/dm01", id: "getDM01",
                summary:
                    "DM01 diagnostic waiting census: the share waiting six weeks or more from request (target under "
                    + "1 %), by modality and weeks waited; JSON or CSV",
                tag: "Statistics", access: .permission(.viewStatistics),
                query: [
                    QueryParameter("census", "Census at the end of this day (YYYY-MM-DD; default now)"),
                    QueryParameter("format", "json (default) or csv (instead of the Accept header)"),
                ], responseSchema: DM01Report.self, problems: [.unprocessableContent]
            ) { call in
                let census = try call.censusMoment()
                let report = try await call.department.viewDM01(.init(census: census), by: call.actor)
                return try call.statistics(
                    report, csv: StatisticsCSV.dm01(report), name: "dm01-\(report.censusDay.iso)")
            },
            .raw(
                .get, "/api/statistics/turnaround", id: "getReportingTurnaround",
                summary:
                    "Reporting turnaround of the exams performed in a period against its targets (all exams, "
                    + "inpatient radiographs, emergency department), by priority and patient source; JSON or CSV",
                tag: "Statistics", access: .permission(.viewStatistics), query: periodParameters,
                responseSchema: TurnaroundReport.self, problems: [.unprocessableContent]
            ) { call in
                let (query, period) = try call.statisticsPeriod()
                let report = try await call.department.viewReportingTurnaround(period, by: call.actor)
                return try call.statistics(
                    report, csv: StatisticsCSV.turnaround(report),
                    name: "turnaround-\(query.first.iso)-\(query.last.iso)")
            },
            .raw(
                .get, "/api/statistics/reject-rates", id: "getRejectRates",
                summary: "Reject rates per room and operator for a period, flagged against the band; JSON or CSV",
                tag: "Statistics", access: .permission(.viewStatistics), query: periodParameters,
                responseSchema: RejectRateReport.self, problems: [.unprocessableContent]
            ) { call in
                let (query, period) = try call.statisticsPeriod()
                let report = try await call.department.viewRejectRates(period, by: call.actor)
                return try call.statistics(
                    report, csv: StatisticsCSV.rejectRates(report),
                    name: "reject-rates-\(query.first.iso)-\(query.last.iso)")
            },
            .raw(
                .get, "/api/statistics/pregnancy-status", id: "getPregnancyStatusRecording",
                summary:
                    "The share of exams with a recorded pregnancy status where the enquiry applies, for a period "
                    + "(audited); JSON or CSV",
                tag: "Statistics", access: .permission(.viewStatistics), query: periodParameters,
                responseSchema: PregnancyRecordingReport.self, problems: [.unprocessableContent]
            ) { call in
                let (query, period) = try call.statisticsPeriod()
                let report = try await call.department.viewPregnancyRecording(period, by: call.actor)
                return try call.statistics(
                    report, csv: StatisticsCSV.pregnancy(report),
                    name: "pregnancy-status-\(query.first.iso)-\(query.last.iso)")
            },
            .raw(
                .get, "/api/statistics/activity", id: "getRoomActivity",
                summary: "Exams performed per room in a period, by modality; JSON or CSV",
                tag: "Statistics", access: .permission(.viewStatistics), query: periodParameters,
                responseSchema: RoomActivityReport.self, problems: [.unprocessableContent]
            ) { call in
                let (query, period) = try call.statisticsPeriod()
                let report = try await call.department.viewRoomActivity(period, by: call.actor)
                return try call.statistics(
                    report, csv: StatisticsCSV.activity(report), name: "activity-\(query.first.iso)-\(query.last.iso)")
            },
            .raw(
                .get, "/api/exports/did", id: "exportDiagnosticImagingDataset",
                summary:
                    "The monthly Diagnostic Imaging Dataset (one row per exam performed in the month; audited): CSV "
                    + "by default, or JSON with the field-rule problems (?format=json); the CSV's "
                    + "Lightbox-DID-Errors header counts the rows' errors",
                tag: "Exports", access: .permission(.exportDatasets),
                query: [
                    QueryParameter("month", "The month as CCYY-MM (default the previous month)"),
                    QueryParameter("format", "csv (default) or json"),
                ], responseContentType: "text/csv", responseSchema: DIDExport.self,
                problems: [.unprocessableContent]
            ) { call in
                let format = call.query("format")?.lowercased()
                if let format, format != "csv" && format != "json" {
                    throw Problem.invalid(
                        "The export format is wrong.",
                        errors: [.init(field: "format", problem: "'\(format)' is not csv or json")])
                }
                let export = try await call.department.exportDiagnosticImagingDataset(
                    .init(month: call.query("month")), by: call.actor)
                if format == "json" { return try call.environment.jsonResponse(export, status: .ok) }
                let errors = export.problems.filter { $0.severity == .error }.count
                let month = CalendarDate(export.from, in: call.department.environment.configuration.timeZone)
                var response = APICall.file(
                    StatisticsCSV.dataset(export), "text/csv; charset=utf-8",
                    "did-" + String(format: "%04d-%02d", month.year, month.month) + ".csv")
                if let name = HTTPField.Name("Lightbox-DID-Errors") { response.headers[name] = String(errors) }
                return response
            },
        ]
    }
}

extension APICall {
    /// The census moment of `census` (the end of that day, or now if that is earlier); now when absent.
    func censusMoment() throws -> Date? {
        guard let day = try queryDate("census") else { return nil }
        let zone = department.environment.configuration.timeZone
        return min(day.adding(days: 1).start(in: zone).addingTimeInterval(-0.001), environment.clock.now())
    }

    /// The period of `from` and `to` (this month to today by default).
    func statisticsPeriod() throws -> (StatisticsPeriodQuery, StatisticsPeriod) {
        let zone = department.environment.configuration.timeZone
        let query = try StatisticsPeriodQuery(
            from: self.query("from"), to: self.query("to"), now: environment.clock.now(), timeZone: zone)
        return (query, try query.period(in: zone))
    }

    /// `value` as JSON, or `csv` when `?format=csv` or the Accept header asks for it.
    func statistics<T: Encodable>(_ value: T, csv: @autoclosure () -> String, name: String) throws -> Response {
        let format = query("format")?.lowercased()
        if let format, format != "csv" && format != "json" {
            throw Problem.invalid(
                "The format is wrong.", errors: [.init(field: "format", problem: "'\(format)' is not json or csv")])
        }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        if format == "csv" || (format == nil && accept.contains("text/csv")) {
            return Self.file(csv(), "text/csv; charset=utf-8", name + ".csv")
        }
        return try environment.jsonResponse(value, status: .ok)
    }

    /// A downloadable text file.
    static func file(_ body: String, _ type: String, _ filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .contentDisposition: "attachment; filename=\"\(filename)\"",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
