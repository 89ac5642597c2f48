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
            let exams = try await call.department.listExams(
                ExamQuery(states: [.imagesChecked, .discharged, .reported], limit: ListExams.maximumLimit),
                by: call.actor
            ).value
            let alerts = try await call.department.listOpenAlerts(by: call.actor).value.filter {
                $0.kind == .reportAlert
            }
            var patients = try await Self.patients(of: exams, store: call.environment.store)
            let missing = Set(alerts.map(\.patientID)).subtracting(patients.keys)
            if !missing.isEmpty {
                let more = try await call.environment.store.transaction { unit in
                    var found: [UUID: Patient] = [:]
                    for id in missing { found[id] = try await unit.patients.get(id) }
                    return found
                }
                patients.merge(more) { first, _ in first }
            }
            return try call.page(
                ReportingPageModel(
                    layout: try call.layout("Reporting"), exams: exams, alerts: alerts, patients: patients,
                    canReport: canReport, canVerify: canVerify, now: call.environment.clock.now(),
                    configuration: try await call.department.viewThresholds.configurationInForce(),
                    livePosition: position))
        }
    }
}
