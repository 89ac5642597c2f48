import Foundation

/// Flags (or clears) an exam's patient as on isolation, with the precautions (DOMAIN.md "Infection control").
/// When the exam has already started in a room, that room's clean becomes due at once. Audited
/// ("exam.isolation-flagged" or "exam.isolation-cleared").
public struct FlagIsolation: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        /// nil clears the flag.
        public var precaution: IsolationPrecaution?
        public var note: String?

        public init(examID: UUID, precaution: IsolationPrecaution?, note: String? = nil) {
            self.examID = examID
            self.precaution = precaution
            self.note = note
        }
    }

    /// Exams whose isolation flag can still change: before they are closed.
    static let closedStates: Set<ExamState> = [.cancelled, .didNotAttend, .rejected]

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .flagIsolation)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            guard !Self.closedStates.contains(exam.state) else {
                throw DomainError(
                    .transitionNotAllowed, "The exam is \(exam.state.rawValue); its isolation flag no longer matters.")
            }
            let action: String
            var detail: String
            if let precaution = command.precaution {
                exam.isolation = IsolationFlag(
                    precaution: precaution, note: command.note?.trimmed.nilIfEmpty, flaggedAt: now,
                    flaggedBy: actor.username)
                action = "exam.isolation-flagged"
                detail = precaution.label + (command.note?.trimmed.nilIfEmpty.map { ": \($0)" } ?? "")
                if let roomID = exam.performance?.roomID, var room = try await unit.rooms.get(roomID),
                    room.cleaningDue == nil, let due = InfectionControlRules.cleaningDue(after: exam, at: now)
                {
                    room.cleaningDue = due
                    try await unit.rooms.update(room)
                    detail += "; \(room.name) to be cleaned before its next exam"
                }
            } else {
                exam.isolation = nil
                action = "exam.isolation-cleared"
                detail = "Isolation flag removed"
            }
            let event = DomainEvent(name: action, patientID: exam.patientID, examID: exam.id, at: now)
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: detail)
            return Outcome(exam, events: [event])
        }
    }
}
