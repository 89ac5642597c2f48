import Foundation

/// Cancels the exam an ordering system asked for, found by its placer order number (HL7 ORC-1 CA/OC/DC),
/// with the same rule as a cancellation at the desk: only before the exam has started.
public struct CancelOrder: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var placerOrderNumber: String
        public var reason: String

        public init(placerOrderNumber: String, reason: String) {
            self.placerOrderNumber = placerOrderNumber
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .cancel)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let placer = command.placerOrderNumber.trimmed
            guard !placer.isEmpty, let examID = try await unit.orderNumbers.examID(placerOrderNumber: placer) else {
                throw DomainError(
                    .notFound, "No request was received with order number \(placer).",
                    fields: [FieldProblem("placerOrderNumber", "no request has this order number")])
            }
            let exam = try await unit.exam(examID)
            if exam.state == .cancelled { return Outcome(exam, events: []) }
            return try await ClosingStep.close(
                .cancel, examID: examID, reason: command.reason, unit: unit, actor: actor, at: now)
        }
    }
}
