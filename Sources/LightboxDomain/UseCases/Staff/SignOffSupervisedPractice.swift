import Foundation

/// The supervisor named on a supervised-practice entry signs it off, with a comment. Only that supervisor may;
/// an entry is signed once. Audited.
public struct SignOffSupervisedPractice: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var entryID: UUID
        public var comment: String?

        public init(entryID: UUID, comment: String? = nil) {
            self.entryID = entryID
            self.comment = comment
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<SupervisedPracticeEntry> {
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var entry = try await unit.staffRecords.get(SupervisedPracticeEntry.self, command.entryID) else {
                throw DomainError.notFound("practice log entry", command.entryID)
            }
            guard let staffID = actor.staffID, entry.supervisorID == staffID else {
                throw DomainError(
                    .permissionDenied,
                    "Only the supervisor named on the entry, \(entry.supervisorName), can sign it off.")
            }
            guard entry.signedOffAt == nil else {
                throw DomainError(.transitionNotAllowed, "This entry has already been signed off.")
            }
            entry.signedOffAt = now
            entry.signedOffBy = actor.username
            entry.supervisorComment = command.comment?.trimmed.nilIfEmpty
            try await unit.staffRecords.update(entry)
            let learner = try await StaffRecordAccess.member(entry.staffID, in: unit)
            try await unit.record(
                actor, "practice.signed-off", patientID: nil, examID: entry.examID, at: now,
                "\(entry.supervisorName) signed off \(learner.displayName)'s supervised practice (\(entry.activity))")
            return Outcome(
                entry, events: [DomainEvent(name: "practice.signed-off", subjectID: entry.id.uuidString, at: now)])
        }
    }
}
