import Foundation

/// Lists exams (worklists, the day's list, a patient's exams); audited once per list as "exam.list".
public struct ListExams: Sendable {
    public typealias Command = ExamQuery

    /// The most exams one list returns; a longer list is paged by time.
    public static let maximumLimit = 1000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<[Exam]> {
        try environment.policy.require(actor, .viewExams)
        guard (1...Self.maximumLimit).contains(command.limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(Self.maximumLimit) exams.",
                fields: [FieldProblem("limit", "must be 1 to \(Self.maximumLimit)")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var query = command
            if command.onWorklist == true {
                // The same rule as the modality worklist (`ViewWorklist`): a suspended room's exams are withdrawn.
                let rooms = try await unit.rooms.list().filter(\.hasWorklist).map(\.id)
                query.roomIDs = query.roomIDs.map { $0.filter(rooms.contains) } ?? rooms
                query.states = (query.states ?? ExamState.allCases).filter(\.isOnWorklist)
            }
            let exams = try await unit.exams.list(query)
            var filters: [String] = []
            if let states = command.states { filters.append("states " + states.map(\.rawValue).joined(separator: "/")) }
            if let room = command.roomID { filters.append("room \(room)") }
            if let modality = command.modality { filters.append("modality \(modality.rawValue)") }
            if command.patientID != nil { filters.append("one patient") }
            if command.onWorklist == true { filters.append("on the worklist") }
            if command.outsidePathwayUnresolved == true { filters.append("started outside the pathway, unresolved") }
            try await unit.record(
                actor, "exam.list", patientID: command.patientID, examID: nil, at: now,
                "Listed \(exams.count) exams" + (filters.isEmpty ? "" : " (\(filters.joined(separator: ", ")))"))
            return Outcome(exams, events: [])
        }
    }
}
