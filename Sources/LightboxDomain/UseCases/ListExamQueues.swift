import Foundation

/// Reads several queues of work at once, each bounded (its query's limit, in its order, from its offset) and
/// counted in the store (a home page's "what this person has to do now", a page of the reporting worklist):
/// one transaction and one audit entry ("exam.list") for them all, as `ListExams` audits one list.
public struct ListExamQueues: Sendable {
    /// The most queues one read takes.
    public static let maximumQueues = 16

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ queries: [ExamQuery], by actor: Actor) async throws -> Outcome<[ExamQueue]> {
        try environment.policy.require(actor, .viewExams)
        guard queries.count <= Self.maximumQueues else {
            throw DomainError(
                .validationFailed, "Ask for at most \(Self.maximumQueues) queues at once.",
                fields: [FieldProblem("queues", "must be at most \(Self.maximumQueues)")])
        }
        for query in queries { try ListExams.validate(query) }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var queues: [ExamQueue] = []
            for command in queries {
                let query = try await ListExams.resolve(command, in: unit)
                queues.append(
                    ExamQueue(exams: try await unit.exams.list(query), total: try await unit.exams.count(query)))
            }
            let shown = queues.reduce(0) { $0 + $1.exams.count }
            let counted = queues.reduce(0) { $0 + $1.total }
            let described = queries.map { ListExams.describe($0) }.filter { !$0.isEmpty }
            try await unit.record(
                actor, "exam.list", patientID: nil, examID: nil, at: now,
                "Listed \(shown) exams of \(counted) in \(queries.count) queues" + described.joined(separator: ";"))
            return Outcome(queues, events: [])
        }
    }
}
