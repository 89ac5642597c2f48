import Foundation

/// A scheduled job as the manager sees it: its schedule, its latest runs (which node, start, end, outcome) newest
/// first, and when it last succeeded.
public struct ScheduledJobStatus: Sendable, Codable, Equatable {
    public var schedule: JobSchedule
    public var lastRun: JobRun?
    public var lastSucceededAt: Date?
    public var recentRuns: [JobRun]

    public init(schedule: JobSchedule, recentRuns: [JobRun]) {
        self.schedule = schedule
        self.recentRuns = recentRuns
        lastRun = recentRuns.first
        lastSucceededAt = recentRuns.first { $0.status == .succeeded }?.finishedAt
    }
}
