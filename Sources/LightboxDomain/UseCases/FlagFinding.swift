import Foundation

/// The operator or the image checker flags a possible urgent or unexpected finding for the
/// reporter (DOMAIN.md "Urgent and unexpected findings"); audited, and kept on the exam until the
/// report is written.
public struct FlagFinding: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var note: String
        public var suggestedCategory: FindingAlert?

        public init(examID: UUID, note: String, suggestedCategory: FindingAlert? = nil) {
            self.examID = examID
            self.note = note
            self.suggestedCategory = suggestedCategory
        }
    }

    /// From the start of the exam until it is reported: when images exist and nobody has reported them.
    static let states: Set<ExamState> = [.inProgress, .completed, .imagesChecked, .discharged]

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .performExam)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            guard Self.states.contains(exam.state) else {
                throw DomainError(
                    .transitionNotAllowed,
                    "A finding is flagged between the start of the exam and its report (the exam is \(exam.state.label))."
                )
            }
            // The operator (or their supervisor) or someone who checked or may check the images.
            let performedIt = [exam.performance?.operatorStaffID, exam.performance?.supervisorStaffID].contains(staffID)
            let checkedIt = exam.imageChecks.contains { $0.checkedBy == staffID }
            if !performedIt && !checkedIt {
                let entry = try await unit.catalogueEntry(exam.examCode)
                _ = try await EntitlementVerifier(unit: unit).require(staffID, .checkImages, for: entry, at: now)
            }
            let note = command.note.trimmed
            guard !note.isEmpty else {
                throw DomainError(
                    .validationFailed, "Say what was seen.", fields: [FieldProblem("note", "describe the finding")])
            }
            exam.findingFlags.append(
                FindingFlag(
                    id: id, note: note, suggestedCategory: command.suggestedCategory, flaggedBy: staffID, at: now))
            try await unit.exams.update(exam)
            let category = command.suggestedCategory.map { " (suggested \($0.rawValue))" } ?? ""
            try await unit.record(
                actor, "exam.finding-flagged", patientID: exam.patientID, examID: exam.id, at: now,
                "Possible finding flagged for the reporter\(category): \(note)")
            return Outcome(
                exam,
                events: [DomainEvent(name: "exam.finding-flagged", patientID: exam.patientID, examID: exam.id, at: now)]
            )
        }
    }
}
