import Foundation
import LightboxDomain
import Logging
import ServiceLifecycle

/// Escalates overdue report alerts once a minute (the fail-safe of DOMAIN.md "Urgent and
/// unexpected findings"): each escalation is audited by `EscalateOverdueAlerts` and logged here so
/// the department's monitoring sees it.
struct AlertEscalationService: Service {
    let department: Department
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let actor = Actor(staffID: nil, username: "lightbox-escalation", role: .manager, door: .system)
        // A graceful shutdown cancels the wait; the service then ends normally, not with an error.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    for exam in try await department.escalateOverdueAlerts(by: actor).value {
                        logger.warning(
                            "Report alert escalated",
                            metadata: [
                                "accession": "\(exam.accessionNumber)",
                                "category": "\(exam.report?.alert?.rawValue ?? "")",
                                "level": "\(exam.report?.alertEscalationLevel ?? 0)",
                            ])
                    }
                } catch {
                    logger.error("Alert escalation failed; will retry", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
