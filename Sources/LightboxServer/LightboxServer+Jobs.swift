import Foundation
import LightboxDomain
import Logging

extension LightboxServer {
    /// The department's scheduled jobs, run once per period across all nodes by `JobRunner`. Append a job here.
    static func scheduledJobs(department: Department, logger: Logger) -> [ScheduledJob] {
        [
            reportAlertEscalation(department: department, logger: logger),
            qaCompliance(department: department, logger: logger),
            staffExpiries(department: department, logger: logger),
        ]
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

    /// Once a day, raises the QA alerts for the physicist: tests overdue on a room, and tests whose latest result is
    /// beyond its remedial or suspension level (DOMAIN.md "Equipment QA"), each audited by `CheckQACompliance`.
    static func qaCompliance(department: Department, logger: Logger) -> ScheduledJob {
        let actor = Actor(staffID: nil, username: "lightbox-qa-check", role: .manager, door: .system)
        return ScheduledJob(name: "qa-compliance", intervalSeconds: 86_400, leaseSeconds: 600) { _ in
            let alerts = try await department.checkQACompliance(by: actor).value
            for alert in alerts {
                logger.warning(
                    "QA alert",
                    metadata: [
                        "room": "\(alert.roomName)", "test": "\(alert.testCode)", "kind": "\(alert.kind.rawValue)",
                    ])
            }
            return "\(alerts.count) QA alert(s) raised"
        }
    }

    /// Applies lapsed mandatory training, competencies and registrations every 15 minutes (issue 17: "an expiry removes
    /// the matching entitlement automatically"); `ApplyStaffExpiries` audits each removal and writes the notices to the
    /// person and the managers, and applies each lapse once, so a period run twice changes nothing.
    public static func staffExpiries(department: Department, logger: Logger) -> ScheduledJob {
        let actor = Actor(staffID: nil, username: "lightbox-staff-expiries", role: .manager, door: .system)
        return ScheduledJob(name: "staff-expiries", intervalSeconds: 15 * 60) { _ in
            let report = try await department.applyStaffExpiries(by: actor).value
            for lapse in report.lapses {
                logger.notice("Staff expiry applied", metadata: ["lapse": "\(lapse)"])
            }
            return "\(report.lapses.count) lapse(s) applied, \(report.revokedEntitlements.count) entitlement(s) removed"
        }
    }
}
