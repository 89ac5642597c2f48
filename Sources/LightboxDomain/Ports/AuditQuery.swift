import Foundation

/// A search of the audit log, newest first: by who, what action, which patient, and when; paged by sequence.
public struct AuditQuery: Sendable, Equatable {
    /// Only entries by this user name (exact).
    public var actorUsername: String?
    /// Only entries whose action is this one, or starts with it followed by a dot ("exam" finds "exam.justified").
    public var action: String?
    public var patientID: UUID?
    /// Only entries at or after this instant.
    public var from: Date?
    /// Only entries before this instant.
    public var until: Date?
    /// Only entries older than this sequence number (the next page of a newest-first list).
    public var beforeSequence: Int64?
    public var limit: Int

    public init(
        actorUsername: String? = nil, action: String? = nil, patientID: UUID? = nil, from: Date? = nil,
        until: Date? = nil, beforeSequence: Int64? = nil, limit: Int = 50
    ) {
        self.actorUsername = actorUsername
        self.action = action
        self.patientID = patientID
        self.from = from
        self.until = until
        self.beforeSequence = beforeSequence
        self.limit = limit
    }

    /// True when `entry` passes every filter except paging and the limit.
    public func matches(_ entry: AuditEntry) -> Bool {
        (actorUsername.map { entry.actorUsername == $0 } ?? true)
            && (action.map { entry.action == $0 || entry.action.hasPrefix($0 + ".") } ?? true)
            && (patientID.map { entry.patientID == $0 } ?? true)
            && (from.map { entry.at >= $0 } ?? true)
            && (until.map { entry.at < $0 } ?? true)
            && (beforeSequence.map { entry.sequence < $0 } ?? true)
    }
}
