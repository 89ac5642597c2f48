import Foundation
import LightboxDomain
import Testing

@testable import LightboxWeb

/// The task board's view logic, without HTML (issue 14): words for every label, the actions each person may take
/// on each row, overdue tasks flagged, a refusal shown on its row and linked from the summary.
@Suite("Task board page model")
struct TaskBoardPageModelTests {
    static let now = Date(timeIntervalSince1970: 1_772_442_000)
    static let support = Actor(staffID: UUID(), username: "b.walsh", role: .supportWorker, door: .web)
    static let radiologist = Actor(staffID: UUID(), username: "p.shah", role: .radiologist, door: .web)

    static func entry(
        _ kind: SupportTask.Kind, _ priority: SupportTask.Priority, dueIn minutes: Double, claimedBy: String? = nil
    ) -> SupportTaskEntry {
        var task = SupportTask(
            id: UUID(), kind: kind, priority: priority, details: "\(kind.label) task", roomID: UUID(),
            transfer: kind == .transfer ? SupportTask.Transfer(direction: .toWard, location: "Ward 7") : nil,
            requestedAt: now.addingTimeInterval(-3600), requestedBy: "g.okafor",
            dueAt: now.addingTimeInterval(minutes * 60))
        if let claimedBy {
            task.status = .claimed
            task.claimedBy = claimedBy
        }
        return SupportTaskEntry(task: task, roomName: "X-ray 1", patientName: "KHAN, Imran", patientIdentifier: "H1")
    }

    static func model(
        _ entries: [SupportTaskEntry], actor: Actor, refused: TaskBoardPageModel.Refused? = nil
    ) -> TaskBoardPageModel {
        TaskBoardPageModel(
            layout: .visitor(title: "Task board"), entries: entries, actor: actor, policy: .default, rooms: [],
            filterKind: nil, mineOnly: false, now: now, configuration: .default, livePosition: "abc-3",
            refused: refused)
    }

    @Test("Labels are words, overdue tasks are flagged, and each person sees only their actions")
    func rowsAndActions() {
        let entries = [
            Self.entry(.stockTopUp, .routine, dueIn: -10),
            Self.entry(.transfer, .urgent, dueIn: 10, claimedBy: "someone.else"),
            Self.entry(.cleaning, .soon, dueIn: 30, claimedBy: "b.walsh"),
        ]
        let board = Self.model(entries, actor: Self.support)
        #expect(board.rows.map(\.kind) == ["Stock top-up", "Patient transfer", "Room clean"])
        #expect(board.rows.map(\.priority) == ["Routine", "Urgent", "Soon"])
        #expect(board.rows.map(\.overdue) == [true, false, false])
        #expect(board.countText == "3 tasks to do, 1 overdue")
        #expect(board.rows[1].transfer == "From X-ray 1 back to Ward 7")
        #expect(board.rows[0].canClaim && board.rows[0].canDone && !board.rows[0].canRelease)
        #expect(!board.rows[1].canClaim && !board.rows[1].canDone, "held by someone else")
        #expect(board.rows[2].canRelease && board.rows[2].canDone && board.rows[2].status == "Claimed by b.walsh")
        #expect(board.rows[2].noteField.label == "How the room was cleaned")
        #expect(board.liveSource == "/live?after=abc-3")
        let labels = board.requestFields.flatMap { $0.options ?? [] }.map(\.label) + board.kindChoices.map(\.label)
        #expect(!labels.contains { $0.contains("-") && !$0.contains(" ") }, "no raw enum names: \(labels)")
        let asRadiologist = Self.model(entries, actor: Self.radiologist)
        #expect(asRadiologist.rows.allSatisfy { !$0.canClaim && !$0.canDone && !$0.canRelease && $0.canCancel })
        #expect(asRadiologist.canRequest)
    }

    @Test("A refused done shows on its row's note and in the summary, linked to it")
    func refusal() {
        let entry = Self.entry(.cleaning, .urgent, dueIn: 5)
        let id = entry.task.id
        let board = Self.model(
            [entry], actor: Self.support,
            refused: .init(
                taskID: id, form: "done", field: "note", message: "Say how the room was cleaned.", value: nil))
        #expect(board.rows.first?.noteField.error == "Say how the room was cleaned.")
        #expect(board.errorSummary?.items.map(\.href) == ["#task-\(id.uuidString)-note"])
    }
}
