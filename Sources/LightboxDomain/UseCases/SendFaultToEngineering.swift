import Foundation

/// Records that a fault was passed to engineering (the in-house team or the maker's service desk) with their job
/// reference. Audited ("fault.sent-to-engineering"). A closed fault cannot be sent.
public struct SendFaultToEngineering: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var faultID: UUID
        public var engineeringReference: String

        public init(faultID: UUID, engineeringReference: String) {
            self.faultID = faultID
            self.engineeringReference = engineeringReference
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
            let reference = command.engineeringReference.trimmed
            guard !reference.isEmpty else {
                throw DomainError(
                    .validationFailed, "Give engineering's job reference.",
                    fields: [FieldProblem("engineeringReference", "is empty")])
            }
            guard fault.status != .closed else {
                throw DomainError(.transitionNotAllowed, "The fault is closed; report a new one.")
            }
            fault.status = .withEngineering
            fault.engineeringReference = reference
            fault.sentToEngineeringAt = now
            fault.sentBy = actor.username
            try await unit.faults.update(fault)
            let room = try await unit.room(fault.roomID)
            try await unit.record(
                actor, "fault.sent-to-engineering", patientID: nil, examID: nil, at: now,
                "\(room.name): \(fault.description) → engineering job \(reference)")
            return Outcome(
                fault, events: [DomainEvent(name: "fault.sent-to-engineering", subjectID: fault.id.uuidString, at: now)]
            )
        }
    }
}
