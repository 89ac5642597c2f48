import Foundation

/// The task board (issue 14): tasks matching a filter, most pressing first, each with the names of its room,
/// patient, exam and stock item. Reading a board that names patients is audited ("tasks.listed"), as any read of
/// a patient's record is.
public struct ViewSupportTasks: Sendable {
    /// Most tasks one list returns.
    public static let maximumLimit = SupportTaskRules.maximumListed

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ query: SupportTaskQuery, by actor: Actor) async throws -> [SupportTaskEntry] {
        try environment.policy.require(actor, .viewTasks)
        let now = environment.clock.now()
        var query = query
        query.limit = min(max(query.limit, 1), Self.maximumLimit)
        let bounded = query
        return try await environment.store.transaction { unit in
            let tasks = try await unit.tasks.list(bounded).sorted(by: SupportTaskRules.boardOrder)
            let entries = try await SupportTaskRules.entries(tasks, in: unit)
            let patients = Set(entries.compactMap(\.task.patientID))
            if !patients.isEmpty {
                try await unit.record(
                    actor, "tasks.listed", patientID: patients.count == 1 ? patients.first : nil, examID: nil, at: now,
                    "Task board: \(entries.count) tasks naming \(patients.count) patients")
            }
            return entries
        }
    }

    /// One task with its names; audited as a read when it names a patient.
    public func task(_ id: UUID, by actor: Actor) async throws -> SupportTaskEntry {
        try environment.policy.require(actor, .viewTasks)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let task = try await unit.supportTask(id)
            guard let entry = try await SupportTaskRules.entries([task], in: unit).first else {
                throw DomainError.notFound("task", id)
            }
            if task.patientID != nil {
                try await unit.record(
                    actor, "task.viewed", patientID: task.patientID, examID: task.examID, at: now,
                    "\(task.kind.label): \(task.details)")
            }
            return entry
        }
    }
}
