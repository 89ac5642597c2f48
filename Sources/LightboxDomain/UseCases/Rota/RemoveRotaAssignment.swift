import Foundation

/// Takes a member of staff off the rota for a session (illness, a swap). A past day's rota is a record and is not
/// changed. Audited (`rota.removed`) with the reason.
public struct RemoveRotaAssignment: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var assignmentID: UUID
        public var reason: String?

        public init(assignmentID: UUID, reason: String? = nil) {
            self.assignmentID = assignmentID
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<RotaAssignment> {
        try environment.policy.require(actor, .manageRota)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard let assignment = try await unit.rota.get(command.assignmentID) else {
                throw DomainError.notFound("rota assignment", command.assignmentID)
            }
            let configuration = try await environment.configuration(at: now, in: unit)
            guard assignment.day >= CalendarDate(now, in: configuration.timeZone) else {
                throw DomainError(
                    .transitionNotAllowed, "The rota of \(assignment.day.iso) is a record; it is not changed.")
            }
            try await unit.rota.delete(assignment.id)
            let reason = command.reason?.trimmed.nilIfEmpty
            try await unit.record(
                actor, "rota.removed", patientID: nil, examID: nil, at: now,
                "\(assignment.staffName) no longer covers \(assignment.roomName), \(assignment.day.iso) "
                    + assignment.session.label.lowercased() + (reason.map { ": \($0)" } ?? ""))
            return Outcome(
                assignment, events: [DomainEvent(name: "rota.removed", subjectID: assignment.id.uuidString, at: now)])
        }
    }
}
