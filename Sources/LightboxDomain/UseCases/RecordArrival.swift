import Foundation

/// The patient has arrived (reception, or the ward for a mobile exam).
public struct RecordArrival: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID

        public init(examID: UUID) {
            self.examID = examID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .checkIn)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            exam.arrivedAt = now
            let event = try ExamTransition.apply(.arrive, to: &exam, at: now, by: actor, roomID: exam.booking?.roomID)
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: "Arrived for \(exam.examName)")
            return Outcome(exam, events: [event])
        }
    }
}
