import Foundation

/// What the department itself puts on the support workers' board (issue 14, tied to issue 17's infection control
/// and stock), applied inside the use case that caused it so the task commits with the change, whichever door
/// made it: a completed exam of an isolation patient raises the room's clean; a stock item falling to its reorder
/// level raises a top-up. Neither is raised twice while one is still to be done.
enum SupportTaskRules {
    /// Most tasks one list returns.
    static let maximumListed = 1_000

    /// Raises the turnover clean of the room an isolation patient's exam was done in, unless an active cleaning
    /// task for that room already exists. Audited ("task.requested").
    @discardableResult
    static func raiseCleaning(
        after exam: Exam, raiser: SupportTaskRaiser, actor: Actor, at now: Date, in unit: any UnitOfWork
    ) async throws -> SupportTask? {
        guard let isolation = exam.isolation, let roomID = exam.performance?.roomID,
            let room = try await unit.rooms.get(roomID)
        else { return nil }
        let active = try await unit.tasks.list(
            SupportTaskQuery(statuses: [.open, .claimed], kinds: [.cleaning], roomID: room.id, limit: 1))
        guard active.isEmpty else { return nil }
        let due =
            room.cleaningDue
            ?? CleaningDue(
                examID: exam.id, accessionNumber: exam.accessionNumber, precaution: isolation.precaution, since: now)
        let task = SupportTask(
            id: raiser.ids.next(), kind: .cleaning, priority: .urgent,
            details: "Turnover clean of \(room.name) after an isolation patient (\(due.precaution.label.lowercased()), "
                + "exam \(due.accessionNumber)); the room takes no exam until the clean is logged.",
            roomID: room.id, cleaningAfter: due, automatic: true, requestedAt: now, requestedBy: actor.username,
            dueAt: raiser.dueTimes.due(.urgent, from: now))
        try await unit.tasks.insert(task)
        try await unit.record(
            actor, "task.requested", patientID: nil, examID: exam.id, at: now,
            "Room clean raised automatically: \(room.name) after isolation exam \(due.accessionNumber)")
        return task
    }

    /// Raises a top-up of `item` when its usable level has fallen to its reorder level, unless an active top-up
    /// task for it already exists. Audited ("task.requested").
    @discardableResult
    static func raiseStockTopUp(
        _ item: StockItem, raiser: SupportTaskRaiser, actor: Actor, at now: Date, in unit: any UnitOfWork
    ) async throws -> SupportTask? {
        let batches = try await unit.stock.list(StockBatch.self, parentID: item.id, limit: StockLedger.maximumListed)
        let orders = try await unit.stock.list(StockOrder.self, parentID: item.id, limit: StockLedger.maximumListed)
        let level = StockLevel(item: item, batches: batches, orders: orders, at: now)
        guard level.belowReorderLevel else { return nil }
        let active = try await unit.tasks.list(
            SupportTaskQuery(statuses: [.open, .claimed], kinds: [.stockTopUp], stockItemID: item.id, limit: 1))
        guard active.isEmpty else { return nil }
        let task = SupportTask(
            id: raiser.ids.next(), kind: .stockTopUp, priority: .routine,
            details: "\(item.name): \(level.usable) \(item.unit) usable, at or below the reorder level of "
                + "\(item.reorderLevel)"
                + (level.onOrder > 0 ? "; \(level.onOrder) on order" : "; reorder \(item.reorderQuantity)"),
            stockItemID: item.id, automatic: true, requestedAt: now, requestedBy: actor.username,
            dueAt: raiser.dueTimes.due(.routine, from: now))
        try await unit.tasks.insert(task)
        try await unit.record(
            actor, "task.requested", patientID: nil, examID: nil, at: now,
            "Stock top-up raised automatically: \(task.details)")
        return task
    }

    /// Marks every active cleaning task of the room done by the clean just logged (except `exceptID`, the task
    /// being completed itself), so the board never asks for a clean already on the cleaning log. Audited
    /// ("task.done").
    static func closeCleaningTasks(
        roomID: UUID, by record: CleaningRecord, except exceptID: UUID?, actor: Actor, at now: Date,
        in unit: any UnitOfWork
    ) async throws {
        let active = try await unit.tasks.list(
            SupportTaskQuery(statuses: [.open, .claimed], kinds: [.cleaning], roomID: roomID, limit: maximumListed))
        for var task in active where task.id != exceptID {
            task.finish(outcome: record.method, cleaningRecordID: record.id, by: actor, at: now)
            try await unit.tasks.update(task)
            try await unit.record(
                actor, "task.done", patientID: nil, examID: task.cleaningAfter?.examID, at: now,
                "Room clean done through the cleaning log: \(record.method)")
        }
    }

    /// The board's rows for `tasks`: each with its room, patient, exam and stock item named.
    static func entries(_ tasks: [SupportTask], in unit: any UnitOfWork) async throws -> [SupportTaskEntry] {
        var rooms: [UUID: Room] = [:]
        var patients: [UUID: Patient] = [:]
        var exams: [UUID: Exam] = [:]
        var items: [UUID: StockItem] = [:]
        var entries: [SupportTaskEntry] = []
        for task in tasks {
            var entry = SupportTaskEntry(task: task)
            if let id = task.roomID {
                if rooms[id] == nil { rooms[id] = try await unit.rooms.get(id) }
                entry.roomName = rooms[id]?.name
            }
            if let id = task.patientID {
                if patients[id] == nil { patients[id] = try await unit.patients.get(id) }
                entry.patientName = patients[id]?.name.display
                entry.patientIdentifier =
                    patients[id].flatMap { $0.hospitalNumbers.first?.value ?? $0.nhsNumber?.digits }
            }
            if let id = task.examID {
                if exams[id] == nil { exams[id] = try await unit.exams.get(id) }
                entry.examName = exams[id]?.examName
                entry.accessionNumber = exams[id]?.accessionNumber
            }
            if let id = task.stockItemID {
                if items[id] == nil { items[id] = try await unit.stock.get(StockItem.self, id) }
                entry.stockItemName = items[id]?.name
            }
            entries.append(entry)
        }
        return entries
    }

    /// Active tasks first, then most pressing (priority, then due time), then newest finished.
    static func boardOrder(_ a: SupportTask, _ b: SupportTask) -> Bool {
        if a.status.isActive != b.status.isActive { return a.status.isActive }
        if a.status.isActive {
            return (a.priority.rank, a.dueAt, a.requestedAt) < (b.priority.rank, b.dueAt, b.requestedAt)
        }
        return (a.doneAt ?? a.cancelledAt ?? a.requestedAt) > (b.doneAt ?? b.cancelledAt ?? b.requestedAt)
    }

    /// The event a task change publishes (only its name and the exam, as every live event).
    static func event(_ task: SupportTask, at now: Date) -> DomainEvent {
        DomainEvent(
            name: "task.\(task.lastAction.rawValue)", patientID: task.patientID, examID: task.examID,
            subjectID: task.id.uuidString, at: now)
    }
}
