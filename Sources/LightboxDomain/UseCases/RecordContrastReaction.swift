import Foundation

/// Records a reaction to contrast given for an exam (during it, or noticed later) and flags the
/// patient's record so the next contrast screening cannot miss it. The exam's state does not change.
public struct RecordContrastReaction: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var severity: ContrastReaction.Severity
        public var description: String
        public var treatment: String?

        public init(examID: UUID, severity: ContrastReaction.Severity, description: String, treatment: String? = nil) {
            self.examID = examID
            self.severity = severity
            self.description = description
            self.treatment = treatment
        }
    }

    /// Contrast has been given from the start of the exam on.
    static let statesAfterContrast: Set<ExamState> = [
        .inProgress, .completed, .imagesChecked, .discharged, .reported, .reportVerified,
    ]

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .performExam)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            guard Self.statesAfterContrast.contains(exam.state), exam.pauseAndCheck?.contrast != nil else {
                throw DomainError(
                    .transitionNotAllowed, "No contrast has been given for this exam (it is \(exam.state.label)).")
            }
            let description = command.description.trimmed
            var problems: [FieldProblem] = []
            if description.isEmpty { problems.append(FieldProblem("description", "describe the reaction")) }
            if command.severity != .mild && (command.treatment ?? "").trimmed.isEmpty {
                problems.append(
                    FieldProblem("treatment", "record the treatment given for a \(command.severity.rawValue) reaction"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The reaction record is incomplete.", fields: problems)
            }
            exam.contrastReactions.append(
                ContrastReaction(
                    severity: command.severity, description: description, treatment: command.treatment?.trimmed,
                    recordedBy: staffID, at: now))
            exam.history.append(
                ExamStep(
                    action: nil, from: exam.state, to: exam.state, at: now, actor: actor,
                    roomID: exam.performance?.roomID, note: "Contrast reaction (\(command.severity.rawValue))"))
            try await unit.exams.update(exam)
            var patient = try await unit.patient(exam.patientID)
            patient.previousContrastReaction = true
            patient.updatedAt = now
            try await unit.patients.update(patient)
            try await unit.record(
                actor, "exam.contrast-reaction", patientID: exam.patientID, examID: exam.id, at: now,
                "\(command.severity.rawValue.capitalized) contrast reaction: \(description)"
                    + (command.treatment.map { "; treated with \($0)" } ?? ""))
            try await unit.record(
                actor, "patient.flagged", patientID: exam.patientID, examID: exam.id, at: now,
                "Flagged: previous contrast reaction")
            return Outcome(
                exam,
                events: [
                    DomainEvent(name: "exam.contrast-reaction", patientID: exam.patientID, examID: exam.id, at: now),
                    DomainEvent(name: "patient.flagged", patientID: exam.patientID, examID: exam.id, at: now),
                ])
        }
    }
}
