import Foundation

/// The referrer's team acknowledges a verified report's alert; the acknowledgement and its time are
/// audited and the alert stops escalating. Only the requesting referrer's account, or the ordering
/// system on their behalf (an integration account), may acknowledge.
public struct AcknowledgeReportAlert: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        /// What the team did (patient recalled, seen in clinic …).
        public var action: String?

        public init(examID: UUID, action: String? = nil) {
            self.examID = examID
            self.action = action
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .createRequest)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            let referrerTeam =
                actor.referrerID == exam.referrerID || (actor.referrerID == nil && actor.role == .integration)
            guard referrerTeam else {
                throw DomainError(
                    .referrerNotOwn, "Only the requesting referrer's team acknowledges this report's alert.",
                    fields: [FieldProblem("examID", "was requested by another referrer", code: .referrerNotOwn)])
            }
            guard exam.state == .reportVerified, var report = exam.report, let category = report.alert else {
                throw DomainError(.transitionNotAllowed, "There is no verified report with an alert on this exam.")
            }
            guard report.alertAcknowledgedAt == nil else {
                throw DomainError(.transitionNotAllowed, "This report's alert has already been acknowledged.")
            }
            report.alertAcknowledgedBy = actor.username
            report.alertAcknowledgedAt = now
            exam.report = report
            try await unit.exams.update(exam)
            let action = command.action?.trimmed.nilIfEmpty.map { ": \($0)" } ?? ""
            let elapsed =
                report.verifiedAt.map { " \(Int(now.timeIntervalSince($0) / 60)) minutes after verification" } ?? ""
            try await unit.record(
                actor, "report.alert-acknowledged", patientID: exam.patientID, examID: exam.id, at: now,
                "\(category.rawValue) alert acknowledged at \(now.formatted(.iso8601))\(elapsed)\(action)")
            return Outcome(
                exam,
                events: [
                    DomainEvent(name: "report.alert-acknowledged", patientID: exam.patientID, examID: exam.id, at: now)
                ])
        }
    }
}
