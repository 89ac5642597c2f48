import Foundation

/// The booking desk's waiting list (DOMAIN.md "The patient's journey" and "Numbers the department is judged
/// on"): justified exams not yet booked, exams whose patient did not attend, and exams booked into a room now
/// suspended, most pressing priority first and then longest wait, each with its DM01 clock. Audited as
/// "exam.list".
public struct ViewWaitingList: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> Outcome<[WaitingListEntry]> {
        try environment.policy.require(actor, .viewExams)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let suspended = try await unit.rooms.list().filter { $0.status == .suspended }.map(\.id)
            var exams = try await unit.exams.list(
                ExamQuery(states: [.justified, .didNotAttend], limit: ListExams.maximumLimit))
            if !suspended.isEmpty {
                exams += try await unit.exams.list(
                    ExamQuery(
                        states: [.booked, .arrived, .checked], limit: ListExams.maximumLimit, roomIDs: suspended))
            }
            let entries = exams.map { exam in
                let reason: WaitingListEntry.Reason =
                    switch exam.state {
                    case .justified: .toBook
                    case .didNotAttend: .didNotAttend
                    default: .roomSuspended
                    }
                return WaitingListEntry(exam: exam, reason: reason, now: now, configuration: configuration)
            }.sorted(by: WaitingListEntry.deskOrder)
            try await unit.record(
                actor, "exam.list", patientID: nil, examID: nil, at: now,
                "Viewed the waiting list: \(entries.count) exams, "
                    + "\(entries.filter { $0.clock == .breached }.count) at or over "
                    + "\(configuration.diagnosticWaitWeeks) weeks")
            return Outcome(entries, events: [])
        }
    }
}
