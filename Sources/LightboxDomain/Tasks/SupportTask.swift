import Foundation

/// A job on the support workers' task board (DOMAIN.md "People and duties": support workers do patient preparation
/// and transfer, stock and cleaning; issue 14 "Support worker's task board"): a patient transfer, a room's turnover
/// clean after an isolation patient, a chaperone for an exam, a stock top-up, or a free task. Someone asks for it
/// (or the department does, automatically), a support worker claims it and marks it done; it may be released
/// back to the board or cancelled with a reason. Every step is kept in `history` and audited.
public struct SupportTask: Sendable, Codable, Equatable, Identifiable {
    /// What kind of job it is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A porter or ward transfer of a patient to or from the department.
        case transfer
        /// A room's turnover clean (raised automatically after an isolation patient's exam).
        case cleaning
        /// A chaperone for an exam, asked for from the exam screen.
        case chaperone
        /// A stock item fell to its reorder level (raised automatically).
        case stockTopUp = "stock-top-up"
        /// Anything else a radiographer asks for.
        case other

        public var label: String {
            switch self {
            case .transfer: "Patient transfer"
            case .cleaning: "Room clean"
            case .chaperone: "Chaperone"
            case .stockTopUp: "Stock top-up"
            case .other: "Other task"
            }
        }
    }

    /// Where the task stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        case claimed
        case done
        case cancelled

        public var label: String {
            switch self {
            case .open: "Open"
            case .claimed: "Claimed"
            case .done: "Done"
            case .cancelled: "Cancelled"
            }
        }

        /// Still to be done.
        public var isActive: Bool { self == .open || self == .claimed }
    }

    /// How soon it is needed; the due time follows from it unless the requester sets one.
    public enum Priority: String, Sendable, Codable, CaseIterable {
        case urgent
        case soon
        case routine

        public var label: String {
            switch self {
            case .urgent: "Urgent"
            case .soon: "Soon"
            case .routine: "Routine"
            }
        }

        /// Most pressing first.
        public var rank: Int {
            switch self {
            case .urgent: 0
            case .soon: 1
            case .routine: 2
            }
        }
    }

    /// Which way a patient is moved.
    public enum Direction: String, Sendable, Codable, CaseIterable {
        /// Fetch the patient from the ward (or bay, or emergency department) to the room.
        case toDepartment = "to-department"
        /// Take the patient back from the room to the ward.
        case toWard = "to-ward"

        public var label: String {
            switch self {
            case .toDepartment: "Bring to the department"
            case .toWard: "Return to the ward"
            }
        }
    }

    /// A transfer's direction and the place outside the department ("Ward 7, bed 12").
    public struct Transfer: Sendable, Codable, Equatable {
        public var direction: Direction
        public var location: String

        public init(direction: Direction, location: String) {
            self.direction = direction
            self.location = location
        }
    }

    /// One step of the task's life, for the board and the record.
    public struct Step: Sendable, Codable, Equatable {
        public enum Action: String, Sendable, Codable, CaseIterable {
            case requested
            case claimed
            case released
            case done
            case cancelled
        }

        public var action: Action
        public var at: Date
        public var by: String
        public var note: String?

        public init(action: Action, at: Date, by: String, note: String? = nil) {
            self.action = action
            self.at = at
            self.by = by
            self.note = note
        }
    }

    public var id: UUID
    public var kind: Kind
    public var status: Status
    public var priority: Priority
    /// What to do, in the requester's words (or the department's, for an automatic task).
    public var details: String
    public var roomID: UUID?
    public var patientID: UUID?
    public var examID: UUID?
    public var transfer: Transfer?
    /// The stock item to top up.
    public var stockItemID: UUID?
    /// The isolation exam whose clean this is, and its precautions.
    public var cleaningAfter: CleaningDue?
    /// Raised by the department itself (after an isolation exam, a stock fall), not typed by someone.
    public var automatic: Bool
    public var requestedAt: Date
    public var requestedBy: String
    public var dueAt: Date
    public var claimedBy: String?
    public var claimedByStaffID: UUID?
    public var claimedAt: Date?
    public var doneAt: Date?
    public var doneBy: String?
    /// What the support worker said when marking it done (the cleaning method, "topped up from store").
    public var outcome: String?
    /// The cleaning log's entry a cleaning task's completion wrote.
    public var cleaningRecordID: UUID?
    public var cancelledAt: Date?
    public var cancelledBy: String?
    public var cancelReason: String?
    public var history: [Step]

    public init(
        id: UUID, kind: Kind, priority: Priority, details: String, roomID: UUID? = nil, patientID: UUID? = nil,
        examID: UUID? = nil, transfer: Transfer? = nil, stockItemID: UUID? = nil, cleaningAfter: CleaningDue? = nil,
        automatic: Bool = false, requestedAt: Date, requestedBy: String, dueAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.status = .open
        self.priority = priority
        self.details = details
        self.roomID = roomID
        self.patientID = patientID
        self.examID = examID
        self.transfer = transfer
        self.stockItemID = stockItemID
        self.cleaningAfter = cleaningAfter
        self.automatic = automatic
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
        self.dueAt = dueAt
        self.history = [Step(action: .requested, at: requestedAt, by: requestedBy)]
    }

    /// Past its due time and still to be done.
    public func isOverdue(at moment: Date) -> Bool {
        status.isActive && dueAt < moment
    }

    /// The last thing that happened to it ("requested", "claimed"…), naming its live event (`task.claimed`).
    public var lastAction: Step.Action { history.last?.action ?? .requested }
}
