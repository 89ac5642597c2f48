import Foundation

/// A physicist (or the radiographer or radiologist at image check) acknowledges a dose alert with a
/// comment saying what was found or done; the alert leaves the open queue, and the acknowledgement,
/// its time and comment are audited ("dose.alert-acknowledged").
public struct AcknowledgeDoseAlert: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var alertID: UUID
        /// What was found or done (required).
        public var comment: String
        /// The exam the person is looking at (the exam page); the alert must be that exam's.
        public var examID: UUID?

        public init(alertID: UUID, comment: String, examID: UUID? = nil) {
            self.alertID = alertID
            self.comment = comment
            self.examID = examID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> DoseAlert {
        try environment.policy.require(actor, .acknowledgeDoseAlerts)
        let comment = command.comment.trimmed
        guard !comment.isEmpty else {
            throw DomainError(
                .validationFailed, "Say what was found or done before acknowledging the dose alert.",
                fields: [FieldProblem("comment", "is required")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var alert = try await unit.dose.alert(id: command.alertID),
                command.examID == nil || command.examID == alert.examID
            else {
                throw DomainError.notFound("dose alert", command.alertID)
            }
            guard alert.isOpen else {
                throw DomainError(.transitionNotAllowed, "This dose alert has already been acknowledged.")
            }
            alert.acknowledgement = DoseAlert.Acknowledgement(
                staffID: actor.staffID, username: actor.username, at: now, comment: comment)
            try await unit.dose.save(alert)
            var exam = try await unit.exam(alert.examID)
            if var record = exam.dose {
                record.alerts = try await unit.dose.alerts(examID: exam.id)
                exam.dose = record
                try await unit.exams.update(exam)
                try await unit.dose.save(record)
            }
            try await unit.record(
                actor, "dose.alert-acknowledged", patientID: alert.patientID, examID: alert.examID, at: now,
                "Dose alert \(alert.id) (\(alert.kind.label): \(alert.detail)) acknowledged: \(comment)")
            return alert
        }
    }
}
