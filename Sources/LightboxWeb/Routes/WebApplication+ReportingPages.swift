import Foundation
import Hummingbird
import LightboxDomain

/// The reporter's worklist (DOMAIN.md "Reporting turnaround", "Urgent and unexpected findings"): what
/// waits for a report against its clock, what waits for verification, and the alerts not yet acknowledged.
/// Reports are written and verified on the exam page, through `RecordReport` and `VerifyReport`.
extension WebApplication {
    func addReportingPages(_ page: PageRegistrar) {
        page(.get, "/reporting") { call in
            let user = try call.signedIn()
            let policy = call.environment.policy
            let canReport = policy.allows(user.role, .report)
            let canVerify = policy.allows(user.role, .verifyReport)
            guard canReport || canVerify else {
                throw Problem.forbidden(role: user.role.rawValue, permission: Permission.report.rawValue)
            }
            let position = call.environment.live?.position
            let configuration = try await call.department.viewThresholds.configurationInForce()
            let rows = configuration.worklistPageRows
            let toReportPage = try Self.pageNumber(call, "page")
            let toVerifyPage = try Self.pageNumber(call, "verify-page")
            // One page of each list, counted by the store: the worklist's cost follows its page, not the backlog.
            let queries = ReportingPageModel.Pages.queries(
                toReportPage: toReportPage, toVerifyPage: toVerifyPage, rows: rows)
            let queues = try await call.department.listExamQueues(
                (canReport ? [queries.toReport] : []) + (canVerify ? [queries.toVerify] : []), by: call.actor
            ).value
            let empty = ExamQueue(exams: [], total: 0)
            let pages = ReportingPageModel.Pages(
                toReport: canReport ? queues[0] : empty, toReportPage: toReportPage,
                toVerify: canVerify ? queues[canReport ? 1 : 0] : empty, toVerifyPage: toVerifyPage, rows: rows)
            let alerts = try await call.department.listOpenAlerts(by: call.actor).value.filter {
                $0.kind == .reportAlert
            }
            let ids = Set(pages.toReport.exams.map(\.patientID) + pages.toVerify.exams.map(\.patientID))
                .union(alerts.map(\.patientID))
            return try call.page(
                ReportingPageModel(
                    layout: try call.layout("Reporting"), pages: pages, alerts: alerts,
                    patients: try await Self.patients(ids, store: call.environment.store), canReport: canReport,
                    canVerify: canVerify, now: call.environment.clock.now(), configuration: configuration,
                    livePosition: position))
        }
    }

    /// A page number from the address (1 when absent); a page that is not a whole number from 1 is not found.
    static func pageNumber(_ call: PageCall, _ name: String) throws -> Int {
        guard let text = call.query(name) else { return 1 }
        guard let number = Int(text), (1...100_000).contains(number) else {
            throw PageRefusal.notFound("The page number in the address is not a whole number from 1.")
        }
        return number
    }
}
