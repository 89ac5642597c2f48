import Foundation

/// Escalates every verified report alert that is past its category's clock without
/// acknowledgement: each new level is recorded on the report and audited once
/// ("report.alert-escalated"), so the department's fail-safe list shows who must chase it.
/// Run by the server's scheduler and callable by a manager.
public struct EscalateOverdueAlerts: Sendable {
    /// The most exams one run looks through.
    public static let limit = 1000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> Outcome<[Exam]> {
        try environment.policy.require(actor, .viewAudit)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let escalation = AlertEscalation(configuration: try await environment.configuration(at: now, in: unit))
            var escalated: [Exam] = []
            var events: [DomainEvent] = []
            for var exam in try await unit.exams.list(ExamQuery(states: [.reportVerified], limit: Self.limit)) {
                guard var report = exam.report, let category = report.alert, report.alertAcknowledgedAt == nil,
                    let verifiedAt = report.verifiedAt
                else { continue }
                let level = escalation.level(category, from: verifiedAt, now: now)
                guard level > (report.alertEscalationLevel ?? 0) else { continue }
                report.alertEscalationLevel = level
                exam.report = report
                try await unit.exams.update(exam)
                try await unit.record(
                    actor, "report.alert-escalated", patientID: exam.patientID, examID: exam.id, at: now,
                    "\(category.rawValue) alert unacknowledged since \(verifiedAt.formatted(.iso8601)): escalation "
                        + "level \(level)")
                events.append(
                    DomainEvent(name: "report.alert-escalated", patientID: exam.patientID, examID: exam.id, at: now))
                escalated.append(exam)
            }
            return Outcome(escalated, events: events)
        }
    }
}
