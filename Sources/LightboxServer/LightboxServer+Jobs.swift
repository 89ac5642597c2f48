import Foundation
import LightboxDomain
import Logging

extension LightboxServer {
    /// The department's scheduled jobs, run once per period across all nodes by `JobRunner`. Append a job here.
    static func scheduledJobs(department: Department, logger: Logger) -> [ScheduledJob] {
        [reportAlertEscalation(department: department, logger: logger)]
    }

    /// Escalates overdue report alerts once a minute (the fail-safe of DOMAIN.md "Urgent and unexpected findings"):
    /// each escalation is audited by `EscalateOverdueAlerts` and logged here so the department's monitoring sees it.
    static func reportAlertEscalation(department: Department, logger: Logger) -> ScheduledJob {
        let actor = Actor(staffID: nil, username: "lightbox-escalation", role: .manager, door: .system)
        return ScheduledJob(name: "report-alert-escalation", intervalSeconds: 60) { _ in
            let escalated = try await department.escalateOverdueAlerts(by: actor).value
            for exam in escalated {
                logger.warning(
                    "Report alert escalated",
                    metadata: [
                        "accession": "\(exam.accessionNumber)",
                        "category": "\(exam.report?.alert?.rawValue ?? "")",
                        "level": "\(exam.report?.alertEscalationLevel ?? 0)",
                    ])
            }
            return "\(escalated.count) report alert(s) escalated"
        }
    }
}
