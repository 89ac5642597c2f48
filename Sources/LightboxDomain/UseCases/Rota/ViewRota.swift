import Foundation

/// The rota for a span of days (at most `AssignRota.maximumDays`), of one room or one member of staff when given:
/// who covers which room in which session. Staff names and rooms only, no patient data: not audited.
public struct ViewRota: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(
        from first: CalendarDate, to last: CalendarDate, roomID: UUID? = nil, staffID: UUID? = nil, by actor: Actor
    ) async throws -> [RotaAssignment] {
        try environment.policy.require(actor, .viewRota)
        guard first <= last else {
            throw DomainError(
                .validationFailed, "The span is the wrong way round.", fields: [FieldProblem("to", "is before from")])
        }
        guard first.days(until: last) < AssignRota.maximumDays else {
            throw DomainError(
                .validationFailed, "The span is too long.",
                fields: [FieldProblem("to", "must be within \(AssignRota.maximumDays) days of from")])
        }
        return try await environment.store.transaction { unit in
            try await unit.rota.list(from: first, to: last, roomID: roomID, staffID: staffID, limit: 5_000)
        }
    }

    /// Who covers `roomID` on the day of `moment` (the room's worklist shows them), by session.
    public func coverToday(roomID: UUID, by actor: Actor) async throws -> [RotaAssignment] {
        try environment.policy.require(actor, .viewRota)
        let now = environment.clock.now()
        let today = CalendarDate(now, in: environment.configuration.timeZone)
        return try await environment.store.transaction { unit in
            try await unit.rota.list(from: today, to: today, roomID: roomID, staffID: nil, limit: 200)
        }
    }
}
