import Foundation

/// A filter of the task board. Every list is bounded by `limit`.
public struct SupportTaskQuery: Sendable, Codable, Equatable {
    /// Only tasks in these states (all when empty).
    public var statuses: [SupportTask.Status]
    /// Only tasks of these kinds (all when empty).
    public var kinds: [SupportTask.Kind]
    public var roomID: UUID?
    public var examID: UUID?
    public var stockItemID: UUID?
    /// Only tasks claimed by this username.
    public var claimedBy: String?
    /// Latest asked for first (finished tasks), instead of soonest due first (the board).
    public var newestFirst: Bool
    public var limit: Int

    public init(
        statuses: [SupportTask.Status] = [], kinds: [SupportTask.Kind] = [], roomID: UUID? = nil,
        examID: UUID? = nil, stockItemID: UUID? = nil, claimedBy: String? = nil, newestFirst: Bool = false,
        limit: Int = 200
    ) {
        self.statuses = statuses
        self.kinds = kinds
        self.roomID = roomID
        self.examID = examID
        self.stockItemID = stockItemID
        self.claimedBy = claimedBy
        self.newestFirst = newestFirst
        self.limit = limit
    }

    /// The tasks still to be done (open or claimed).
    public static func active(limit: Int = 200) -> SupportTaskQuery {
        SupportTaskQuery(statuses: [.open, .claimed], limit: limit)
    }

    /// Whether `task` passes the filter (the store's query applies the same rules).
    public func matches(_ task: SupportTask) -> Bool {
        (statuses.isEmpty || statuses.contains(task.status)) && (kinds.isEmpty || kinds.contains(task.kind))
            && (roomID == nil || task.roomID == roomID) && (examID == nil || task.examID == examID)
            && (stockItemID == nil || task.stockItemID == stockItemID)
            && (claimedBy == nil || task.claimedBy == claimedBy)
    }
}
