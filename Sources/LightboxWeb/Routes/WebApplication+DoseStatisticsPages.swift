import Foundation
import Hummingbird
import LightboxDomain

/// The physicist's and managers' dose pages (issue 16): the dashboard, the median dose against the DRLs with one
/// exam type's trend, distribution and outliers, the dose per operator, the alert queue (acknowledged through
/// `AcknowledgeDoseAlert`) and the reference levels (set through `ManageReferenceLevels`), the use cases the
/// `/api/dose` routes call.
extension WebApplication {
    func addDoseStatisticsPages(_ page: PageRegistrar) {
        page(.get, "/dose") { call in
            let user = try call.require(.viewDoseRegister)
            let dashboard = try await call.department.viewDoseStatistics.dashboard(by: try call.actor)
            let policy = call.environment.policy
            return try call.page(
                DoseDashboardPageModel(
                    layout: try call.layout("Dose"), dashboard: dashboard,
                    timeZone: call.department.environment.configuration.timeZone,
                    allows: { policy.allows(user.role, $0) }))
        }
        page(.get, "/dose/statistics") { call in
            _ = try call.require(.viewDoseRegister)
            let chosen = Self.dosePeriod(call, action: "/dose/statistics")
            var form = chosen.0
            let period = chosen.1
            var report: DoseOverviewReport?
            if let found = period {
                do {
                    report = try await call.department.viewDoseStatistics.overview(found, by: call.actor)
                } catch let error as DomainError where error.code == .validationFailed {
                    form.error = error.message
                }
            }
            return try call.page(
                DoseStatisticsPageModel(
                    layout: try call.layout("Median dose against the DRLs"), form: form, report: report))
        }
        page(.get, "/dose/statistics/exam") { call in
            _ = try call.require(.viewDoseRegister)
            let (form, period) = Self.dosePeriod(call, action: "/dose/statistics/exam")
            let examCode = call.query("examCode") ?? ""
            let metricName = call.query("metric") ?? ""
            let roomText = call.query("roomID") ?? ""
            var problems: [String] = form.error.map { [$0] } ?? []
            var entry: CatalogueEntry?
            if !examCode.isEmpty {
                entry = try await call.department.browse.catalogue(by: try call.actor).first { $0.code == examCode }
            }
            let metrics = entry?.modality.doseMetrics ?? []
            if examCode.isEmpty { problems.append("Choose an exam type.") }
            let metric = DoseMetric(rawValue: metricName) ?? metrics.first
            let charted = metric.map { metrics.isEmpty || metrics.contains($0) } ?? false
            if !charted { problems.append("Choose a figure this exam type is charted by.") }
            let roomID = roomText.isEmpty ? nil : UUID(uuidString: roomText)
            if !roomText.isEmpty && roomID == nil { problems.append("The room is not one of the department's.") }
            var report: DoseExamTypeReport?
            if problems.isEmpty, let period, let metric {
                do {
                    report = try await call.department.viewDoseStatistics.examType(
                        .init(examCode: examCode, roomID: roomID, metric: metric, period: period), by: call.actor)
                } catch let error as DomainError where error.code == .validationFailed {
                    problems.append(error.message)
                }
            }
            let model = DoseExamTypePageModel(
                layout: try call.layout("Dose of one exam type"),
                query: (examCode, roomText, metric?.rawValue ?? metricName, form.from, form.to),
                error: problems.isEmpty ? nil : problems.joined(separator: " "), report: report, metrics: metrics,
                timeZone: call.department.environment.configuration.timeZone)
            return try call.page(model, status: problems.isEmpty ? .ok : .unprocessableContent)
        }
        page(.get, "/dose/operators") { call in
            _ = try call.require(.viewOperatorDose)
            let chosen = Self.dosePeriod(call, action: "/dose/operators")
            var form = chosen.0
            let period = chosen.1
            var report: DoseOperatorReport?
            if let found = period {
                do {
                    report = try await call.department.viewDoseStatistics.operators(
                        found, examCode: call.query("examCode"), by: call.actor)
                } catch let error as DomainError where error.code == .validationFailed {
                    form.error = error.message
                }
            }
            return try call.page(
                DoseOperatorsPageModel(layout: try call.layout("Dose per operator"), form: form, report: report))
        }
    }

    /// The period of a dose statistic: `from` and `to` calendar days (both included); by default the twelve months
    /// up to today (this month and the eleven before it), so a trend shows a year.
    static func dosePeriod(_ call: PageCall, action: String) -> (StatisticsPeriodForm, StatisticsPeriod?) {
        let zone = call.department.environment.configuration.timeZone
        var form = StatisticsPeriodForm.period(
            action: action, from: call.query("from") ?? "", to: call.query("to") ?? "", csvHref: nil, error: nil)
        do {
            var from = call.query("from")
            if from == nil {
                let last =
                    try call.query("to").map { try CalendarDate(iso: $0) }
                    ?? CalendarDate(call.environment.clock.now(), in: zone)
                let months = last.year * 12 + last.month - 1 - 11
                from = try CalendarDate(year: months / 12, month: months % 12 + 1, day: 1).iso
            }
            let query = try StatisticsPeriodQuery(
                from: from, to: call.query("to"), now: call.environment.clock.now(), timeZone: zone)
            form.from = query.first.iso
            form.to = query.last.iso
            return (form, try query.period(in: zone))
        } catch let problem as Problem {
            form.error = problem.errors.map { "\($0.field) \($0.problem)" }.joined(separator: "; ")
        } catch let error as DomainError {
            form.error = error.message
        } catch {
            form.error = "The period is wrong."
        }
        return (form, nil)
    }

    func addDoseAlertPages(_ page: PageRegistrar) {
        page(.get, "/dose/alerts") { call in
            try await Self.alertsPage(call, refused: nil)
        }
        page(.post, "/dose/alerts/:alertID/acknowledgement") { call in
            _ = try call.require(.acknowledgeDoseAlerts)
            let form = try await call.form()
            let alertID = try call.id("alertID")
            let comment = form["comment"] ?? ""
            do {
                _ = try await call.department.acknowledgeDoseAlert(
                    .init(alertID: alertID, comment: comment), by: try call.actor)
                return call.redirect("/dose/alerts?done=dose-alert-acknowledgement")
            } catch let error as DomainError
                where error.code != .permissionDenied && error.code != .notFound
            {
                let message =
                    error.fields.first.map { $0.field == "comment" ? "Say what was found or done" : $0.problem }
                    ?? error.message
                return try await Self.alertsPage(
                    call, refused: (alertID, comment, message), status: .unprocessableContent)
            }
        }
    }

    static func alertsPage(
        _ call: PageCall, refused: (alertID: UUID, comment: String, message: String)?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try call.require(.viewDoseRegister)
        let showingAll = call.query("status") == "all"
        var alerts = try await call.department.listDoseAlerts(
            ListDoseAlerts.Command(openOnly: !showingAll, limit: ListDoseAlerts.maximumLimit), by: try call.actor)
        // A refused alert stays on the page even when the list shows open ones only and it was acknowledged meanwhile.
        if let refused, !alerts.contains(where: { $0.id == refused.alertID }) {
            let every = try await call.department.listDoseAlerts(
                ListDoseAlerts.Command(openOnly: false, limit: ListDoseAlerts.maximumLimit), by: try call.actor)
            alerts = every.filter { $0.id == refused.alertID } + alerts
        }
        return try call.page(
            DoseAlertsPageModel(
                layout: try call.layout("Dose alerts"), alerts: alerts, showingAll: showingAll,
                canAcknowledge: call.environment.policy.allows(user.role, .acknowledgeDoseAlerts),
                timeZone: call.department.environment.configuration.timeZone, refused: refused),
            status: status)
    }

    func addReferenceLevelPages(_ page: PageRegistrar) {
        page(.get, "/dose/reference-levels") { call in
            try await Self.referenceLevelsPage(call, form: nil, problems: [], general: [])
        }
        page(.post, "/dose/reference-levels") { call in
            _ = try call.require(.manageReferenceLevels)
            let form = try await call.form()
            let zone = call.department.environment.configuration.timeZone
            let (command, problems) = ReferenceLevelsPageModel.command(
                form, timeZone: zone, now: call.environment.clock.now())
            do {
                guard let command else { throw DomainError(.validationFailed, "", fields: problems) }
                _ = try await call.department.referenceLevels.set(command, by: try call.actor)
                return call.redirect("/dose/reference-levels?done=reference-level-set")
            } catch let error as DomainError where error.code != .permissionDenied && error.code != .notFound {
                return try await Self.referenceLevelsPage(
                    call, form: form, problems: error.fields, general: error.fields.isEmpty ? [error.message] : [],
                    status: .unprocessableContent)
            }
        }
    }

    static func referenceLevelsPage(
        _ call: PageCall, form: FormBody?, problems: [FieldProblem], general: [String],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try call.require(.viewDoseRegister)
        let actor = try call.actor
        let department = call.department
        let levels = try await department.referenceLevels.levels(by: actor)
        let catalogue = try await department.browse.catalogue(by: actor)
        let rooms = try await department.browse.rooms(by: actor)
        let scientists = try await department.browse.staff(by: actor).filter { $0.profession == .clinicalScientist }
        let examCode = call.query("examCode") ?? ""
        let roomText = call.query("roomID") ?? ""
        var proposal: ProposedReferenceLevel?
        var proposalError: String?
        if !examCode.isEmpty || !roomText.isEmpty {
            if let roomID = UUID(uuidString: roomText), !examCode.isEmpty {
                proposal = try await department.referenceLevels.propose(examCode: examCode, roomID: roomID, by: actor)
            } else {
                proposalError = "Choose an exam type and a room to see the proposed local DRL."
            }
        }
        let model = ReferenceLevelsPageModel(
            layout: try call.layout("Diagnostic reference levels"),
            inputs: .init(
                levels: levels, catalogue: catalogue, rooms: rooms, scientists: scientists, proposal: proposal,
                proposalQuery: (examCode, roomText), proposalError: proposalError,
                canManage: call.environment.policy.allows(user.role, .manageReferenceLevels), form: form,
                problems: problems, general: general),
            timeZone: department.environment.configuration.timeZone)
        return try call.page(model, status: status)
    }
}
