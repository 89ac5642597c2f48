import Foundation

/// Puts a task on the support workers' board (issue 14): a patient transfer (with the exam, the direction and the
/// ward), a chaperone for an exam (from the exam screen), a room clean, a stock top-up, or a free task a
/// radiographer writes. Due at the time given, or after the configured minutes for its priority. Audited
/// ("task.requested", against the exam when there is one).
public struct RequestSupportTask: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var kind: SupportTask.Kind
        public var priority: SupportTask.Priority
        /// What to do, or anything the support worker should know ("female chaperone", "needs a hoist").
        public var details: String?
        /// The room concerned; for an exam's task, the exam's room when not given.
        public var roomID: UUID?
        /// The exam (and so the patient) of a transfer or chaperone request.
        public var examID: UUID?
        /// A transfer's direction and ward.
        public var transfer: SupportTask.Transfer?
        /// The item of a stock top-up.
        public var stockItemID: UUID?
        /// When it is needed; nil for the priority's default.
        public var dueAt: Date?

        public init(
            kind: SupportTask.Kind, priority: SupportTask.Priority, details: String? = nil, roomID: UUID? = nil,
            examID: UUID? = nil, transfer: SupportTask.Transfer? = nil, stockItemID: UUID? = nil, dueAt: Date? = nil
        ) {
            self.kind = kind
            self.priority = priority
            self.details = details
            self.roomID = roomID
            self.examID = examID
            self.transfer = transfer
            self.stockItemID = stockItemID
            self.dueAt = dueAt
        }
    }

    /// The longest description of a task.
    public static let maximumDetailsLength = 1000
    /// The longest ward or place of a transfer.
    public static let maximumLocationLength = 200
    /// Exams whose patient no longer needs moving or accompanying.
    static let closedStates: Set<ExamState> = [.cancelled, .didNotAttend, .rejected]

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<SupportTask> {
        try environment.policy.require(actor, .requestTask)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            var problems: [FieldProblem] = []
            let details = command.details?.trimmed ?? ""
            if details.count > Self.maximumDetailsLength {
                problems.append(FieldProblem("details", "is longer than \(Self.maximumDetailsLength) characters"))
            }
            var exam: Exam?
            if let examID = command.examID {
                exam = try await unit.exams.get(examID)
                if let found = exam, Self.closedStates.contains(found.state) {
                    problems.append(FieldProblem("examID", "the exam is \(found.state.rawValue)"))
                } else if exam == nil {
                    problems.append(FieldProblem("examID", "no such exam"))
                }
            }
            var roomID = command.roomID ?? exam?.performance?.roomID ?? exam?.booking?.roomID
            if let chosen = command.roomID, try await unit.rooms.get(chosen) == nil {
                problems.append(FieldProblem("roomID", "no such room"))
                roomID = nil
            }
            var transfer: SupportTask.Transfer?
            var stockItem: StockItem?
            switch command.kind {
            case .transfer:
                if command.examID == nil { problems.append(FieldProblem("examID", "choose the patient's exam")) }
                if let asked = command.transfer {
                    let location = asked.location.trimmed
                    if location.isEmpty {
                        problems.append(FieldProblem("transfer.location", "say which ward or place"))
                    } else if location.count > Self.maximumLocationLength {
                        problems.append(
                            FieldProblem(
                                "transfer.location", "is longer than \(Self.maximumLocationLength) characters"))
                    }
                    transfer = SupportTask.Transfer(direction: asked.direction, location: location)
                } else {
                    problems.append(FieldProblem("transfer.location", "say which ward or place"))
                }
            case .chaperone:
                if command.examID == nil { problems.append(FieldProblem("examID", "choose the exam")) }
            case .cleaning:
                if roomID == nil && command.roomID == nil {
                    problems.append(FieldProblem("roomID", "choose the room to clean"))
                }
            case .stockTopUp:
                if let itemID = command.stockItemID {
                    stockItem = try await unit.stock.get(StockItem.self, itemID)
                    if stockItem == nil { problems.append(FieldProblem("stockItemID", "no such stock item")) }
                } else {
                    problems.append(FieldProblem("stockItemID", "choose the item"))
                }
            case .other:
                if details.isEmpty { problems.append(FieldProblem("details", "say what needs doing")) }
            }
            if let dueAt = command.dueAt, dueAt < now.addingTimeInterval(-60) {
                problems.append(FieldProblem("dueAt", "is in the past"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The task cannot be put on the board.", fields: problems)
            }
            let task = SupportTask(
                id: id, kind: command.kind, priority: command.priority,
                details: details.isEmpty ? Self.defaultDetails(command.kind, transfer, stockItem) : details,
                roomID: roomID, patientID: exam?.patientID, examID: exam?.id, transfer: transfer,
                stockItemID: stockItem?.id, requestedAt: now, requestedBy: actor.username,
                dueAt: command.dueAt ?? configuration.supportTaskDueTimes.due(command.priority, from: now))
            try await unit.tasks.insert(task)
            var detail = "\(task.kind.label) (\(task.priority.label.lowercased())): \(task.details)"
            if let exam { detail += "; exam \(exam.accessionNumber)" }
            try await unit.record(
                actor, "task.requested", patientID: task.patientID, examID: task.examID, at: now, detail)
            return Outcome(task, events: [SupportTaskRules.event(task, at: now)])
        }
    }

    /// The words of a task asked for without any.
    static func defaultDetails(
        _ kind: SupportTask.Kind, _ transfer: SupportTask.Transfer?, _ item: StockItem?
    ) -> String {
        switch kind {
        case .transfer:
            guard let transfer else { return "Patient transfer" }
            return transfer.direction == .toDepartment
                ? "Bring the patient from \(transfer.location)" : "Take the patient back to \(transfer.location)"
        case .chaperone: return "Chaperone needed for the exam"
        case .cleaning: return "Turnover clean of the room"
        case .stockTopUp: return "Top up \(item?.name ?? "the item")"
        case .other: return "Task"
        }
    }
}
