import Foundation
import LightboxDomain
import Synchronization

/// The exams one unit of work inserted or updated, in order, so the store can publish what changed
/// once (and only if) the transaction commits, whichever use case or door made the change.
final class ExamChangeRecorder: Sendable {
    private struct Change: Sendable {
        var examID: UUID
        var patientID: UUID
        var state: ExamState
    }

    private let changes = Mutex<[Change]>([])
    /// The support tasks this unit of work wrote (issue 14's live board), each once, in order.
    private let tasks = Mutex<[(id: UUID, event: DomainEvent)]>([])

    func record(_ task: SupportTask) {
        let event = DomainEvent(
            name: "task.\(task.lastAction.rawValue)", patientID: task.patientID, examID: task.examID,
            subjectID: task.id.uuidString, at: task.history.last?.at ?? task.requestedAt)
        tasks.withLock { list in
            list.removeAll { $0.id == task.id }
            list.append((task.id, event))
        }
    }

    func record(_ exam: Exam) {
        changes.withLock { list in
            list.removeAll { $0.examID == exam.id }
            list.append(Change(examID: exam.id, patientID: exam.patientID, state: exam.state))
        }
    }

    /// One event per changed exam, named by the last audit entry the unit wrote about it (the use
    /// case's event code, `exam.booked`), or `exam.updated` when it wrote none.
    func events(audited entries: [AuditChainWriter.Pending], at moment: Date) -> [DomainEvent] {
        examEvents(audited: entries, at: moment) + tasks.withLock { $0.map(\.event) }
    }

    private func examEvents(audited entries: [AuditChainWriter.Pending], at moment: Date) -> [DomainEvent] {
        changes.withLock { list in
            list.map { change in
                let entry = entries.last { $0.examID == change.examID }
                return DomainEvent(
                    name: entry?.action ?? "exam.updated", patientID: change.patientID, examID: change.examID,
                    toState: change.state, at: entry?.at ?? moment)
            }
        }
    }
}
