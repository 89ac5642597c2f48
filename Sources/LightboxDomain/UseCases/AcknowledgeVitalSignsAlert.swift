import Foundation

/// The supervising radiographer (or a radiologist) acknowledges an out-of-range observations alert;
/// the acknowledgement and its time are audited.
public struct AcknowledgeVitalSignsAlert: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var alertID: UUID
        /// What was done (escalated to the medical team, repeated observations …).
        public var action: String?

        public init(examID: UUID, alertID: UUID, action: String? = nil) {
            self.examID = examID
            self.alertID = alertID
            self.action = action
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .checkImages)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            guard let index = exam.vitalSignsAlerts.firstIndex(where: { $0.id == command.alertID }) else {
                throw DomainError.notFound("vital signs alert", command.alertID)
            }
            guard exam.vitalSignsAlerts[index].isOpen else {
                throw DomainError(.transitionNotAllowed, "This alert has already been acknowledged.")
            }
            exam.vitalSignsAlerts[index].acknowledgedBy = staffID
            exam.vitalSignsAlerts[index].acknowledgedAt = now
            try await unit.exams.update(exam)
            let action = command.action?.trimmed.nilIfEmpty.map { ": \($0)" } ?? ""
            try await unit.record(
                actor, "exam.vital-signs-alert-acknowledged", patientID: exam.patientID, examID: exam.id, at: now,
                "Observations alert acknowledged at \(now.formatted(.iso8601))\(action)")
            return Outcome(
                exam,
                events: [
                    DomainEvent(
                        name: "exam.vital-signs-alert-acknowledged", patientID: exam.patientID, examID: exam.id,
                        at: now)
                ])
        }
    }
}
