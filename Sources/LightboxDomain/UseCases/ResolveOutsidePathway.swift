import Foundation

/// A radiographer reviews an exam the modality started outside the pathway and records what was
/// found and done (Pause and Check done late, supervisor named, incident raised…). The flag stays
/// on the record with its resolution; the exam's state is not changed.
public struct ResolveOutsidePathway: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        /// What was found and done.
        public var resolution: String

        public init(examID: UUID, resolution: String) {
            self.examID = examID
            self.resolution = resolution
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .resolveOutsidePathway)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            guard var record = exam.outsidePathway, !record.isResolved else {
                throw DomainError(
                    .transitionNotAllowed, "This exam is not flagged as started outside the pathway, or was resolved.")
            }
            let resolution = command.resolution.trimmed
            guard !resolution.isEmpty else {
                throw DomainError(
                    .validationFailed, "Say what was found and done.",
                    fields: [FieldProblem("resolution", "is empty")])
            }
            guard let member = try await unit.staff.get(staffID), member.active, member.profession.mayCheckImages
            else {
                throw DomainError(
                    .imageCheckerNotEligible,
                    "An exam started outside the pathway is resolved by a radiographer or radiologist.")
            }
            record.resolvedBy = staffID
            record.resolvedAt = now
            record.resolution = resolution
            exam.outsidePathway = record
            let event = DomainEvent(
                name: "exam.outside-pathway-resolved", patientID: exam.patientID, examID: exam.id,
                fromState: exam.state, toState: exam.state, at: now)
            try await unit.save(
                exam, events: [event], actor: actor, at: now,
                detail: "Resolved by \(member.displayName): \(resolution)")
            return Outcome(exam, events: [event])
        }
    }
}
