import Foundation

/// One step that takes a reported fault forward (sent to engineering, closed), once the use case has checked that
/// the person may: in one transaction the fault is loaded (refused when there is none), the text the step needs is
/// required, a closed fault is refused, the step changes the fault, the fault is stored, and the step is audited
/// against the fault's room and published under its action's name.
struct FaultStep: Sendable {
    /// The audited action and the event's name ("fault.closed").
    var action: String
    /// The command's field holding the text the step needs, and the sentence asking for it when it is empty.
    var field: String
    var missing: String
    /// The refusal for a fault that is already closed.
    var closed: String

    /// Runs the step on the fault `faultID` with `text`, trimmed; `change` alters the fault with it, and `detail`
    /// writes the audit entry's detail from the room, the changed fault and the text.
    func callAsFunction(
        _ faultID: UUID, text: String, by actor: Actor, in environment: DepartmentEnvironment, at now: Date,
        change: @escaping @Sendable (inout Fault, String) -> Void,
        detail: @escaping @Sendable (Room, Fault, String) -> String
    ) async throws -> Outcome<Fault> {
        try await environment.store.transaction { [self] unit in
            guard var fault = try await unit.faults.get(faultID) else { throw DomainError.notFound("fault", faultID) }
            let text = text.trimmed
            guard !text.isEmpty else {
                throw DomainError(.validationFailed, missing, fields: [FieldProblem(field, "is empty")])
            }
            guard fault.status != .closed else { throw DomainError(.transitionNotAllowed, closed) }
            change(&fault, text)
            try await unit.faults.update(fault)
            let room = try await unit.room(fault.roomID)
            try await unit.record(actor, action, patientID: nil, examID: nil, at: now, detail(room, fault, text))
            return Outcome(fault, events: [DomainEvent(name: action, subjectID: fault.id.uuidString, at: now)])
        }
    }
}
