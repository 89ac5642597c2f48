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
        let close = FaultStep(
            action: "fault.closed", field: "resolution", missing: "Say how the fault was resolved.",
            closed: "The fault was already closed.")
        return try await close(command.faultID, text: command.resolution, by: actor, in: environment, at: now) {
            fault, resolution in
            fault.status = .closed
            fault.resolution = resolution
            fault.closedAt = now
            fault.closedBy = actor.username
        } detail: { room, fault, resolution in
            "\(room.name): \(fault.description); \(resolution); downtime \(fault.downtimeMinutes(now: now)) minutes"
        }
    }
}
