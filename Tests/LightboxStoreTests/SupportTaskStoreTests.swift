import Foundation
import LightboxDomain
import Synchronization
import Testing

@testable import LightboxStore

/// The task board's store on both engines (migration M0120): tasks round-trip as written, the board's filters and
/// orders, and every committed write of a task is published as a live event (a rolled-back one is not).
@Suite("Support task store")
struct SupportTaskStoreTests {
    /// Keeps what the store publishes.
    final class Published: DomainEventPublisher, Sendable {
        let events = Mutex<[DomainEvent]>([])
        func publish(_ events: [DomainEvent]) { self.events.withLock { $0 += events } }
        var names: [String] { events.withLock { $0.map(\.name) } }
    }

    struct Rollback: Error {}

    static let at = Date(timeIntervalSince1970: 1_795_514_400)

    static func task(
        _ kind: SupportTask.Kind, priority: SupportTask.Priority = .routine, dueIn minutes: Double,
        requestedAt: Date = at, roomID: UUID? = nil, examID: UUID? = nil, stockItemID: UUID? = nil
    ) -> SupportTask {
        SupportTask(
            id: UUID(), kind: kind, priority: priority, details: "\(kind.label) due in \(minutes)", roomID: roomID,
            patientID: examID.map { _ in UUID() }, examID: examID,
            transfer: kind == .transfer ? SupportTask.Transfer(direction: .toWard, location: "Ward 7") : nil,
            stockItemID: stockItemID,
            cleaningAfter: kind == .cleaning
                ? CleaningDue(examID: UUID(), accessionNumber: "ACC1", precaution: .airborne, since: at) : nil,
            automatic: kind == .cleaning, requestedAt: requestedAt, requestedBy: "g.okafor",
            dueAt: at.addingTimeInterval(minutes * 60))
    }

    @Test(
        "Tasks round-trip, filter by state, kind, room, exam, item and holder, and order by due or newest",
        arguments: TestEngine.allCases)
    func roundTripAndFilters(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let published = Published()
            let store = FluentDepartmentStore(database: test.database, events: published)
            let room = UUID()
            let exam = UUID()
            let item = UUID()
            let clean = Self.task(.cleaning, priority: .urgent, dueIn: 15, requestedAt: Self.at, roomID: room)
            let transfer = Self.task(.transfer, dueIn: 5, requestedAt: Self.at + 60, roomID: room, examID: exam)
            let topUp = Self.task(.stockTopUp, dueIn: 240, requestedAt: Self.at + 120, stockItemID: item)
            try await store.transaction { unit async throws in
                for task in [clean, transfer, topUp] { try await unit.tasks.insert(task) }
            }
            #expect(published.names == ["task.requested", "task.requested", "task.requested"])
            #expect(
                published.events.withLock { $0.compactMap(\.subjectID) }
                    == [clean, transfer, topUp].map(\.id.uuidString))
            var claimed = transfer
            claimed.status = .claimed
            claimed.claimedBy = "b.walsh"
            claimed.claimedAt = Self.at + 300
            claimed.history.append(SupportTask.Step(action: .claimed, at: Self.at + 300, by: "b.walsh"))
            let update = claimed
            try await store.transaction { unit async throws in try await unit.tasks.update(update) }
            #expect(published.names.last == "task.claimed")
            #expect(published.events.withLock { $0.last?.examID } == exam)

            func list(_ query: SupportTaskQuery) async throws -> [UUID] {
                try await store.transaction { unit async throws in try await unit.tasks.list(query) }.map(\.id)
            }
            let stored = try await store.transaction { unit async throws in try await unit.tasks.get(update.id) }
            #expect(stored == claimed)
            #expect(try await list(SupportTaskQuery()) == [transfer.id, clean.id, topUp.id], "soonest due first")
            #expect(
                try await list(SupportTaskQuery(newestFirst: true)) == [topUp.id, transfer.id, clean.id],
                "latest asked for first")
            #expect(try await list(SupportTaskQuery(statuses: [.open])) == [clean.id, topUp.id])
            #expect(try await list(SupportTaskQuery(statuses: [.open, .claimed], kinds: [.cleaning])) == [clean.id])
            #expect(try await list(SupportTaskQuery(roomID: room)) == [transfer.id, clean.id])
            #expect(try await list(SupportTaskQuery(examID: exam)) == [transfer.id])
            #expect(try await list(SupportTaskQuery(stockItemID: item)) == [topUp.id])
            #expect(try await list(SupportTaskQuery(claimedBy: "b.walsh")) == [transfer.id])
            #expect(try await list(SupportTaskQuery(limit: 1)) == [transfer.id])
        }
    }

    @Test(
        "A duplicate insert is refused; a rolled-back task is neither kept nor published",
        arguments: TestEngine.allCases)
    func duplicateAndRollback(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let published = Published()
            let store = FluentDepartmentStore(database: test.database, events: published)
            let task = Self.task(.other, dueIn: 60)
            try await store.transaction { unit async throws in try await unit.tasks.insert(task) }
            await #expect(throws: DomainError.self) {
                try await store.transaction { unit async throws in try await unit.tasks.insert(task) }
            }
            let other = Self.task(.chaperone, dueIn: 10, examID: UUID())
            await #expect(throws: Rollback.self) {
                try await store.transaction { unit async throws in
                    try await unit.tasks.insert(other)
                    throw Rollback()
                }
            }
            let kept = try await store.transaction { unit async throws in
                try await unit.tasks.list(SupportTaskQuery())
            }
            #expect(kept.map(\.id) == [task.id])
            #expect(published.names == ["task.requested"], "only the committed insert")
            var missing = other
            missing.status = .done
            let gone = missing
            await #expect(throws: DomainError.self) {
                try await store.transaction { unit async throws in try await unit.tasks.update(gone) }
            }
        }
    }
}
