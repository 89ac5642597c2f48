import Foundation
import Hummingbird
import LightboxDomain

/// The statistics pages and the dataset export page: the same use cases as `/api/statistics` and
/// `/api/exports/did`, each with a chart and its table, and a link to the CSV.
extension WebApplication {
    func addStatisticsPages(_ page: PageRegistrar) {
        page(.get, "/statistics") { call in
            let user = try call.require(.viewStatistics)
            let model = StatisticsIndexPageModel(
                layout: try call.layout("Statistics"),
                canExport: call.environment.policy.allows(user.role, .exportDatasets))
            return try call.page(model)
        }
        page(.get, "/statistics/dm01") { call in
            _ = try call.require(.viewStatistics)
            let census = call.query("census")
            var form = StatisticsPeriodForm(action: "/statistics/dm01", isCensus: true, census: census ?? "")
            var report: DM01Report?
            do {
                var moment: Date?
                if let census {
                    let day = try CalendarDate(iso: census)
                    let zone = call.department.environment.configuration.timeZone
                    moment = min(
                        day.adding(days: 1).start(in: zone).addingTimeInterval(-0.001), call.environment.clock.now())
                }
                let found = try await call.department.viewDM01(.init(census: moment), by: call.actor)
                form.census = found.censusDay.iso
                form.csvHref = "/api/statistics/dm01?census=\(found.censusDay.iso)&format=csv"
                report = found
            } catch let error as DomainError where error.code == .validationFailed {
                form.error = error.message
            }
            return try call.page(
                DM01PageModel(layout: try call.layout("DM01 diagnostic waiting"), form: form, report: report))
        }
        statisticsPage(page, "/statistics/turnaround", "/api/statistics/turnaround", "Reporting turnaround") {
            call, form, period in
            var report: TurnaroundReport?
            if let period { report = try await call.department.viewReportingTurnaround(period, by: call.actor) }
            return TurnaroundPageModel(layout: try call.layout("Reporting turnaround"), form: form, report: report)
        }
        statisticsPage(page, "/statistics/reject-rates", "/api/statistics/reject-rates", "Reject rates") {
            call, form, period in
            var report: RejectRateReport?
            if let period { report = try await call.department.viewRejectRates(period, by: call.actor) }
            return RejectRatesPageModel(layout: try call.layout("Reject rates"), form: form, report: report)
        }
        statisticsPage(page, "/statistics/pregnancy-status", "/api/statistics/pregnancy-status", "Pregnancy status") {
            call, form, period in
            var report: PregnancyRecordingReport?
            if let period { report = try await call.department.viewPregnancyRecording(period, by: call.actor) }
            return PregnancyStatusPageModel(
                layout: try call.layout("Pregnancy status recorded"), form: form, report: report)
        }
        statisticsPage(page, "/statistics/activity", "/api/statistics/activity", "Activity per room") {
            call, form, period in
            var report: RoomActivityReport?
            if let period { report = try await call.department.viewRoomActivity(period, by: call.actor) }
            return RoomActivityPageModel(layout: try call.layout("Activity per room"), form: form, report: report)
        }
        page(.get, "/exports/did") { call in
            _ = try call.require(.exportDatasets)
            let month = call.query("month")
            var form = StatisticsPeriodForm(action: "/exports/did", isMonth: true, month: month ?? "")
            var export: DIDExport?
            do {
                let found = try await call.department.exportDiagnosticImagingDataset(
                    .init(month: month), by: call.actor)
                let first = CalendarDate(found.from, in: call.department.environment.configuration.timeZone)
                let name = String(format: "%04d-%02d", first.year, first.month)
                form.month = name
                form.csvHref = "/api/exports/did?month=\(name)"
                export = found
            } catch let error as DomainError where error.code == .validationFailed {
                form.error = error.message
            }
            return try call.page(
                DatasetExportPageModel(
                    layout: try call.layout("Diagnostic Imaging Dataset"), form: form, export: export))
        }
    }

    /// A statistic over a period: the form (this month by default), the use case's report, or the period's error
    /// shown beside the form.
    private func statisticsPage<Model: PageModel>(
        _ page: PageRegistrar, _ path: String, _ api: String, _ title: String,
        _ build: @escaping @Sendable (PageCall, StatisticsPeriodForm, StatisticsPeriod?) async throws -> Model
    ) {
        page(.get, path) { call in
            _ = try call.require(.viewStatistics)
            let zone = call.department.environment.configuration.timeZone
            var form = StatisticsPeriodForm.period(
                action: path, from: call.query("from") ?? "", to: call.query("to") ?? "", csvHref: nil, error: nil)
            var period: StatisticsPeriod?
            do {
                let query = try StatisticsPeriodQuery(
                    from: call.query("from"), to: call.query("to"), now: call.environment.clock.now(), timeZone: zone)
                form.from = query.first.iso
                form.to = query.last.iso
                period = try query.period(in: zone)
                form.csvHref = "\(api)?\(query.queryString)&format=csv"
            } catch let problem as Problem {
                form.error = problem.errors.map { "\($0.field) \($0.problem)" }.joined(separator: "; ")
            } catch let error as DomainError {
                form.error = error.message
            }
            return try call.page(try await build(call, form, period))
        }
    }
}
