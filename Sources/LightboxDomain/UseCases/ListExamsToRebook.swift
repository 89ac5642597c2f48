import Foundation

/// Exams booked into a suspended room (DOMAIN.md "Rooms and equipment"): withdrawn from the worklist
/// the moment the room was suspended, they wait here for the desk to re-book them into another room
/// (or the same one once it is back in use). Audited as "exam.list".
public struct ListExamsToRebook: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> Outcome<[WorklistItem]> {
        try environment.policy.require(actor, .viewExams)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let suspended = try await unit.rooms.list().filter { !$0.hasWorklist }
            var items: [WorklistItem] = []
            if !suspended.isEmpty {
                let exams = try await unit.exams.list(
                    ExamQuery(
                        states: [.booked, .arrived, .checked], limit: ListExams.maximumLimit,
                        roomIDs: suspended.map(\.id)))
                items = try await unit.worklistItems(
                    exams, rooms: Dictionary(uniqueKeysWithValues: suspended.map { ($0.id, $0) }))
            }
            try await unit.record(
                actor, "exam.list", patientID: nil, examID: nil, at: now,
                "Listed \(items.count) exams to re-book from \(suspended.count) suspended rooms")
            return Outcome(items, events: [])
        }
    }
}
