import Foundation

/// How long after it is asked for a task is due, by priority, when the requester sets no time (configuration,
/// with these defaults: urgent 15 minutes, soon 60, routine 240).
public struct SupportTaskDueTimes: Sendable, Codable, Equatable {
    public var urgentMinutes: Int
    public var soonMinutes: Int
    public var routineMinutes: Int

    public init(urgentMinutes: Int = 15, soonMinutes: Int = 60, routineMinutes: Int = 240) {
        self.urgentMinutes = urgentMinutes
        self.soonMinutes = soonMinutes
        self.routineMinutes = routineMinutes
    }

    public func minutes(for priority: SupportTask.Priority) -> Int {
        switch priority {
        case .urgent: urgentMinutes
        case .soon: soonMinutes
        case .routine: routineMinutes
        }
    }

    /// The due time of a task of `priority` asked for at `moment`.
    public func due(_ priority: SupportTask.Priority, from moment: Date) -> Date {
        moment.addingTimeInterval(TimeInterval(minutes(for: priority)) * 60)
    }
}
