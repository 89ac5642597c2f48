import Foundation

/// The patient leaves: only once the images have been checked.
public struct DischargePatient: Sendable {
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
        try environment.policy.require(actor, .discharge)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            if [.inProgress, .completed, .discontinued].contains(exam.state) {
                throw DomainError(
                    .imagesNotChecked,
                    "The images have not been checked yet; a radiographer or radiologist must check them before the "
                        + "patient is discharged.")
            }
            exam.dischargedAt = now
            let event = try ExamTransition.apply(
                .discharge, to: &exam, at: now, by: actor, roomID: exam.performance?.roomID)
            try await unit.save(
                exam, events: [event], actor: actor, at: now, detail: "Discharged after \(exam.examName)")
            return Outcome(exam, events: [event])
        }
    }
}
