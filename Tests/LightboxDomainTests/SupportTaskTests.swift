import Foundation
import Testing

@testable import LightboxDomain

/// The support workers' task board (issue 14): asking for tasks with their checks, claim, release, done and cancel
/// with who may do each, a room clean done as one action that logs the clean, and the tasks the department raises
/// itself after an isolation patient's exam and when stock falls to its reorder level.
@Suite("Support task board")
struct SupportTaskTests {
    static func transfer(_ exam: Exam, location: String = "Ward 7, bed 12") -> RequestSupportTask.Command {
        RequestSupportTask.Command(
            kind: .transfer, priority: .urgent, details: "Needs a hoist", examID: exam.id,
            transfer: SupportTask.Transfer(direction: .toDepartment, location: location))
    }

    @Test("A transfer carries the exam's patient and room, is due by its priority, and is audited")
    func requestTransfer() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .booked)
        let task = try await f.department.requestSupportTask(Self.transfer(exam), by: f.radiographer).value
        #expect(task.status == .open && task.kind == .transfer)
        #expect(task.patientID == exam.patientID && task.examID == exam.id && task.roomID == exam.booking?.roomID)
        #expect(task.dueAt == f.clock.now().addingTimeInterval(15 * 60), "urgent: 15 minutes by default")
        #expect(task.requestedBy == f.radiographer.username && task.history.map(\.action) == [.requested])
        let audit = await f.store.state.audit.last
        #expect(audit?.action == "task.requested" && audit?.examID == exam.id && audit?.patientID == exam.patientID)
        #expect(audit?.detail.contains("Needs a hoist") == true)
    }

    @Test("A request missing what its kind needs is refused naming each field, and nothing is stored")
    func requestRefusals() async throws {
        let f = try await Fixture.make()
        let error = await #expect(throws: DomainError.self) {
            _ = try await f.department.requestSupportTask(
                .init(
                    kind: .transfer, priority: .soon,
                    transfer: SupportTask.Transfer(direction: .toWard, location: "  "),
                    dueAt: f.clock.now().addingTimeInterval(-3600)),
                by: f.radiographer)
        }
        #expect(Set(error?.fields.map(\.field) ?? []) == ["examID", "transfer.location", "dueAt"])
        let other = await #expect(throws: DomainError.self) {
            _ = try await f.department.requestSupportTask(.init(kind: .other, priority: .routine), by: f.radiographer)
        }
        #expect(other?.fields.map(\.field) == ["details"])
        let cancelled = try await f.exam(at: .cancelled)
        let closed = await #expect(throws: DomainError.self) {
            _ = try await f.department.requestSupportTask(
                .init(kind: .chaperone, priority: .urgent, examID: cancelled.id), by: f.radiographer)
        }
        #expect(closed?.fields.first?.problem == "the exam is cancelled")
        let denied = await #expect(throws: DomainError.self) {
            _ = try await f.department.requestSupportTask(
                .init(kind: .other, priority: .routine, details: "Linen"), by: f.referrerActor)
        }
        #expect(denied?.code == .permissionDenied)
        #expect(await f.store.state.tasks.isEmpty)
        #expect(!(await f.store.state.audit.contains { $0.action == "task.requested" }))
    }

    @Test("Claim, release and done: each by who may, each audited; a task someone else holds is refused")
    func claimReleaseDone() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .arrived)
        let task = try await f.department.requestSupportTask(
            .init(kind: .chaperone, priority: .urgent, details: "Female chaperone", examID: exam.id),
            by: f.radiographer
        ).value
        let radiologist = await #expect(throws: DomainError.self) {
            _ = try await f.department.claimSupportTask(.init(taskID: task.id), by: f.radiologist)
        }
        #expect(radiologist?.code == .permissionDenied, "a radiologist asks for tasks but does not claim them")
        let claimed = try await f.department.claimSupportTask(.init(taskID: task.id), by: f.supportWorker).value
        #expect(claimed.status == .claimed && claimed.claimedBy == f.supportWorker.username)
        let again = try await f.department.claimSupportTask(.init(taskID: task.id), by: f.supportWorker)
        #expect(again.events.isEmpty && again.value == claimed, "claiming one's own task again changes nothing")
        let taken = await #expect(throws: DomainError.self) {
            _ = try await f.department.claimSupportTask(.init(taskID: task.id), by: f.apprentice)
        }
        #expect(taken?.code == .taskClaimedByOther)
        let notYours = await #expect(throws: DomainError.self) {
            _ = try await f.department.completeSupportTask(.init(taskID: task.id), by: f.apprentice)
        }
        #expect(notYours?.code == .taskClaimedByOther)
        let released = try await f.department.releaseSupportTask(
            .init(taskID: task.id, note: "Called to resus"), by: f.supportWorker
        ).value
        #expect(released.status == .open && released.claimedBy == nil)
        _ = try await f.department.claimSupportTask(.init(taskID: task.id), by: f.apprentice)
        let done = try await f.department.completeSupportTask(
            .init(taskID: task.id, note: "Stayed for the exam"), by: f.apprentice
        ).value
        #expect(done.status == .done && done.doneBy == f.apprentice.username && done.outcome == "Stayed for the exam")
        #expect(done.history.map(\.action) == [.requested, .claimed, .released, .claimed, .done])
        let twice = await #expect(throws: DomainError.self) {
            _ = try await f.department.completeSupportTask(.init(taskID: task.id), by: f.apprentice)
        }
        #expect(twice?.code == .taskNotOpen)
        let actions = await f.store.state.audit.map(\.action).filter { $0.hasPrefix("task.") }
        #expect(actions == ["task.requested", "task.claimed", "task.released", "task.claimed", "task.done"])
    }

    @Test("Cancel needs a reason and a task still to do; it is audited with the reason")
    func cancel() async throws {
        let f = try await Fixture.make()
        let task = try await f.department.requestSupportTask(
            .init(kind: .other, priority: .routine, details: "Restock the linen trolley", roomID: f.xrayRoom.id),
            by: f.radiographer
        ).value
        let empty = await #expect(throws: DomainError.self) {
            _ = try await f.department.cancelSupportTask(.init(taskID: task.id, reason: " "), by: f.radiographer)
        }
        #expect(empty?.fields.map(\.field) == ["reason"])
        let denied = await #expect(throws: DomainError.self) {
            _ = try await f.department.cancelSupportTask(.init(taskID: task.id, reason: "No"), by: f.physicistActor)
        }
        #expect(denied?.code == .permissionDenied)
        let cancelled = try await f.department.cancelSupportTask(
            .init(taskID: task.id, reason: "Done by the night team"), by: f.radiographer
        ).value
        #expect(cancelled.status == .cancelled && cancelled.cancelReason == "Done by the night team")
        #expect(await f.store.state.audit.last?.detail.contains("reason: Done by the night team") == true)
        let claim = await #expect(throws: DomainError.self) {
            _ = try await f.department.claimSupportTask(.init(taskID: task.id), by: f.supportWorker)
        }
        #expect(claim?.code == .taskNotOpen)
    }

    @Test("An isolation patient's exam completed in a room raises its clean; done logs the clean in one action")
    func isolationClean() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        _ = try await f.department.flagIsolation(.init(examID: exam.id, precaution: .contact), by: f.radiographer)
        #expect(await f.store.state.tasks.isEmpty, "nothing before the exam is done")
        _ = try await f.complete(exam)
        let tasks = await f.store.state.tasks.values
        let task = try #require(tasks.first)
        #expect(tasks.count == 1 && task.kind == .cleaning && task.automatic && task.priority == .urgent)
        let roomID = try #require(exam.performance?.roomID)
        #expect(task.roomID == roomID && task.cleaningAfter?.examID == exam.id)
        #expect(await f.store.state.audit.contains { $0.action == "task.requested" && $0.examID == exam.id })
        // The clean cannot be marked done without saying how; nothing is logged then.
        let noMethod = await #expect(throws: DomainError.self) {
            _ = try await f.department.completeSupportTask(.init(taskID: task.id), by: f.supportWorker)
        }
        #expect(noMethod?.fields.map(\.field) == ["note"])
        #expect(await f.store.state.cleaningLog.isEmpty)
        let done = try await f.department.completeSupportTask(
            .init(taskID: task.id, note: "Chlorine 1,000 ppm, all surfaces"), by: f.supportWorker
        ).value
        #expect(done.status == .done && done.cleaningRecordID != nil)
        let log = await f.store.state.cleaningLog
        #expect(log.count == 1 && log.first?.afterExamID == exam.id && log.first?.id == done.cleaningRecordID)
        #expect(await f.store.state.rooms[roomID]?.cleaningDue == nil, "the room takes its next exam again")
        let actions = await f.store.state.audit.map(\.action)
        #expect(actions.suffix(2) == ["room.cleaned", "task.done"])
    }

    @Test("A clean logged on the cleaning log closes the room's cleaning task; no second task while one is open")
    func cleanLoggedElsewhere() async throws {
        let f = try await Fixture.make()
        let first = try await f.exam(at: .inProgress)
        _ = try await f.department.flagIsolation(.init(examID: first.id, precaution: .droplet), by: f.radiographer)
        _ = try await f.complete(first)
        let roomID = try #require(first.performance?.roomID)
        let record = try await f.department.recordCleaning(
            .init(roomID: roomID, method: "Detergent and hypochlorite"), by: f.apprentice
        ).value
        let task = try #require(await f.store.state.tasks.values.first)
        #expect(task.status == .done && task.cleaningRecordID == record.id && task.doneBy == f.apprentice.username)
        #expect(await f.store.state.tasks.count == 1)
        // An exam without the flag raises nothing.
        let plain = try await f.exam(at: .inProgress)
        _ = try await f.complete(plain)
        #expect(await f.store.state.tasks.count == 1)
    }

    @Test("Stock falling to its reorder level raises one top-up task, not one per movement")
    func stockTopUp() async throws {
        let f = try await Fixture.make()
        let item = try await f.department.addStockItem(
            .init(name: "Cannula 20G", category: .cannula, unit: "box of 50", reorderLevel: 5, reorderQuantity: 20),
            by: f.manager
        ).value
        let batch = try await f.department.receiveStock(
            .init(
                itemID: item.id, batchNumber: "C-1", expires: f.clock.now().addingTimeInterval(365 * 86_400),
                location: "Store room", quantity: 8),
            by: f.supportWorker
        ).value
        _ = try await f.department.recordStockMovement(
            .init(batchID: batch.id, reason: .used, quantity: 2), by: f.supportWorker)
        #expect(await f.store.state.tasks.isEmpty, "6 left: above the reorder level of 5")
        _ = try await f.department.recordStockMovement(
            .init(batchID: batch.id, reason: .used, quantity: 1), by: f.supportWorker)
        let tasks = await f.store.state.tasks.values
        let task = try #require(tasks.first)
        #expect(tasks.count == 1 && task.kind == .stockTopUp && task.stockItemID == item.id && task.automatic)
        #expect(task.details.contains("Cannula 20G: 5 box of 50 usable"), "\(task.details)")
        #expect(task.dueAt == f.clock.now().addingTimeInterval(240 * 60), "routine: 4 hours by default")
        _ = try await f.department.recordStockMovement(
            .init(batchID: batch.id, reason: .used, quantity: 1), by: f.supportWorker)
        #expect(await f.store.state.tasks.count == 1, "still one while it is open")
        _ = try await f.department.completeSupportTask(
            .init(taskID: task.id, note: "Ordered 20"), by: f.supportWorker)
        _ = try await f.department.recordStockMovement(
            .init(batchID: batch.id, reason: .used, quantity: 1), by: f.supportWorker)
        #expect(await f.store.state.tasks.count == 2, "a new fall after the last top-up was done raises another")
    }

    @Test("The board lists active tasks most pressing first with names, and audits reading patients' names")
    func board() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .booked)
        let routine = try await f.department.requestSupportTask(
            .init(kind: .other, priority: .routine, details: "Restock gowns", roomID: f.xrayRoom.id),
            by: f.radiographer
        ).value
        let urgent = try await f.department.requestSupportTask(Self.transfer(exam), by: f.radiographer).value
        let done = try await f.department.requestSupportTask(
            .init(kind: .other, priority: .urgent, details: "Fetch a wheelchair"), by: f.radiographer
        ).value
        _ = try await f.department.completeSupportTask(.init(taskID: done.id), by: f.supportWorker)
        let entries = try await f.department.viewSupportTasks(.active(), by: f.supportWorker)
        #expect(entries.map(\.task.id) == [urgent.id, routine.id])
        #expect(entries.first?.patientName != nil && entries.first?.examName == exam.examName)
        #expect(entries.last?.roomName == f.xrayRoom.name)
        #expect(await f.store.state.audit.last?.action == "tasks.listed")
        let denied = await #expect(throws: DomainError.self) {
            _ = try await f.department.viewSupportTasks(.active(), by: f.referrerActor)
        }
        #expect(denied?.code == .permissionDenied)
        let all = try await f.department.viewSupportTasks(SupportTaskQuery(), by: f.manager)
        #expect(all.map(\.task.id) == [urgent.id, routine.id, done.id], "finished after the active ones")
    }
}
