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
        let send = FaultStep(
            action: "fault.sent-to-engineering", field: "engineeringReference",
            missing: "Give engineering's job reference.", closed: "The fault is closed; report a new one.")
        return try await send(
            command.faultID, text: command.engineeringReference, by: actor, in: environment, at: now
        ) { fault, reference in
            fault.status = .withEngineering
            fault.engineeringReference = reference
            fault.sentToEngineeringAt = now
            fault.sentBy = actor.username
        } detail: { room, fault, reference in
            "\(room.name): \(fault.description) → engineering job \(reference)"
        }
    }
}
