import Foundation

/// Closes a fault with what was done; the room's downtime for it (when it stopped the room) ends now. Audited
/// ("fault.closed") with the downtime in minutes. A closed fault is not closed again.
public struct CloseFault: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var faultID: UUID
        public var resolution: String

        public init(faultID: UUID, resolution: String) {
            self.faultID = faultID
            self.resolution = resolution
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Fault> {
        try environment.policy.require(actor, .manageFaults)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var fault = try await unit.faults.get(command.faultID) else {
                throw DomainError.notFound("fault", command.faultID)
            }
            let resolution = command.resolution.trimmed
            guard !resolution.isEmpty else {
                throw DomainError(
                    .validationFailed, "Say how the fault was resolved.",
                    fields: [FieldProblem("resolution", "is empty")])
            }
            guard fault.status != .closed else {
                throw DomainError(.transitionNotAllowed, "The fault was already closed.")
            }
            fault.status = .closed
            fault.resolution = resolution
            fault.closedAt = now
            fault.closedBy = actor.username
            try await unit.faults.update(fault)
            let room = try await unit.room(fault.roomID)
            try await unit.record(
                actor, "fault.closed", patientID: nil, examID: nil, at: now,
                "\(room.name): \(fault.description); \(resolution); downtime \(fault.downtimeMinutes(now: now)) minutes"
            )
            return Outcome(fault, events: [DomainEvent(name: "fault.closed", subjectID: fault.id.uuidString, at: now)])
        }
    }
}
