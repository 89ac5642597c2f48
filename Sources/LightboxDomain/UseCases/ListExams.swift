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
        try Self.validate(command)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exams = try await unit.exams.list(try await Self.resolve(command, in: unit))
            try await unit.record(
                actor, "exam.list", patientID: command.patientID, examID: nil, at: now,
                "Listed \(exams.count) exams" + Self.describe(command))
            return Outcome(exams, events: [])
        }
    }

    /// Refuses a limit outside 1…`maximumLimit` or a negative offset.
    static func validate(_ command: Command) throws {
        guard (1...Self.maximumLimit).contains(command.limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(Self.maximumLimit) exams.",
                fields: [FieldProblem("limit", "must be 1 to \(Self.maximumLimit)")])
        }
        if let offset = command.offset, offset < 0 {
            throw DomainError(
                .validationFailed, "A list cannot start before its first exam.",
                fields: [FieldProblem("offset", "must be 0 or more")])
        }
    }

    /// The query the store answers: `onWorklist` resolved into states and rooms.
    static func resolve(_ command: Command, in unit: any UnitOfWork) async throws -> ExamQuery {
        var query = command
        if command.onWorklist == true {
            // The same rule as the modality worklist (`ViewWorklist`): a suspended room's exams are withdrawn.
            let rooms = try await unit.rooms.list().filter(\.hasWorklist).map(\.id)
            query.roomIDs = query.roomIDs.map { $0.filter(rooms.contains) } ?? rooms
            query.states = (query.states ?? ExamState.allCases).filter(\.isOnWorklist)
        }
        return query
    }

    /// The filters of a list, as its audit entry names them (empty when none).
    static func describe(_ command: Command) -> String {
        var filters: [String] = []
        if let states = command.states { filters.append("states " + states.map(\.rawValue).joined(separator: "/")) }
        if let room = command.roomID { filters.append("room \(room)") }
        if let modality = command.modality { filters.append("modality \(modality.rawValue)") }
        if command.patientID != nil { filters.append("one patient") }
        if command.onWorklist == true { filters.append("on the worklist") }
        if command.outsidePathwayUnresolved == true { filters.append("started outside the pathway, unresolved") }
        return filters.isEmpty ? "" : " (\(filters.joined(separator: ", ")))"
    }
}
