import Foundation

/// Reads one exam (by id or accession number); audited as "exam.read".
public struct ViewExam: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID?
        public var accessionNumber: String?

        public init(examID: UUID? = nil, accessionNumber: String? = nil) {
            self.examID = examID
            self.accessionNumber = accessionNumber
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .viewExams)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam: Exam
            if let id = command.examID {
                exam = try await unit.exam(id)
            } else if let accession = command.accessionNumber,
                let found = try await unit.exams.find(accessionNumber: accession)
            {
                exam = found
            } else {
                throw DomainError(.notFound, "No exam with that accession number was found.")
            }
            try await unit.record(
                actor, "exam.read", patientID: exam.patientID, examID: exam.id, at: now,
                "Viewed \(exam.examName) (\(exam.accessionNumber))")
            return Outcome(exam, events: [])
        }
    }
}
