import Foundation

/// The modality worklist (PS3.4 Annex K; DOMAIN.md "No exposure without justification"): exactly the
/// exams that are justified and booked and not finished (booked, arrived, checked, in progress), in a
/// room that has a worklist — a suspended room's exams leave it at once. The JSON API's worklist and
/// the DICOM Modality Worklist SCP both call this. Audited once per query as "worklist.read".
public struct ViewWorklist: Sendable {
    public typealias Command = WorklistQuery

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<[WorklistItem]> {
        try environment.policy.require(actor, .viewExams)
        guard (1...ListExams.maximumLimit).contains(command.limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(ListExams.maximumLimit) worklist items.",
                fields: [FieldProblem("limit", "must be 1 to \(ListExams.maximumLimit)")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let rooms = try await unit.rooms.list().filter(command.covers)
            var items: [WorklistItem] = []
            if !rooms.isEmpty {
                var exams = try await unit.exams.list(
                    ExamQuery(
                        states: ExamState.allCases.filter(\.isOnWorklist), scheduledFrom: command.scheduledFrom,
                        scheduledBefore: command.scheduledBefore, limit: command.limit, roomIDs: rooms.map(\.id)))
                if let accession = command.accessionNumber?.trimmed {
                    exams = exams.filter { $0.accessionNumber == accession }
                }
                exams.sort {
                    ($0.booking?.scheduledAt ?? $0.requestedAt, $0.accessionNumber) < (
                        $1.booking?.scheduledAt ?? $1.requestedAt, $1.accessionNumber
                    )
                }
                items = try await unit.worklistItems(
                    exams, rooms: Dictionary(uniqueKeysWithValues: rooms.map { ($0.id, $0) }))
            }
            var filters: [String] = []
            if let station = command.stationAETitle { filters.append("station \(station)") }
            if let modality = command.modality { filters.append("modality \(modality.rawValue)") }
            if let room = command.roomID { filters.append("room \(room)") }
            if command.scheduledFrom != nil || command.scheduledBefore != nil { filters.append("date range") }
            if command.accessionNumber != nil { filters.append("one accession number") }
            try await unit.record(
                actor, "worklist.read", patientID: items.count == 1 ? items[0].patient.id : nil, examID: nil, at: now,
                "Worklist of \(items.count) items" + (filters.isEmpty ? "" : " (\(filters.joined(separator: ", ")))"))
            return Outcome(items, events: [])
        }
    }
}
