import Foundation

/// A job the server runs once per period, on whichever node claims the period first (issue 17 "Scheduled jobs").
///
/// Periods are fixed slices of time counted from the Unix epoch in UTC (every minute, every hour, every day from
/// midnight UTC), so every node computes the same period for the same moment without talking to the others.
public struct ScheduledJob: Sendable {
    /// Stable name, the key of its runs in the store (e.g. `report-alert-escalation`).
    public let name: String
    /// The length of a period in seconds; the job runs once in each.
    public let intervalSeconds: Int
    /// How long a claim holds before another node may take the period over from a node presumed dead.
    public let leaseSeconds: Int
    /// How many times one period is tried when the job fails.
    public let maximumAttempts: Int
    /// The work: given the period's start, does it and says in a few words what it did.
    public let work: @Sendable (_ periodStart: Date) async throws -> String

    /// - Parameters:
    ///   - leaseSeconds: nil for the interval itself (at least 60 s).
    public init(
        name: String, intervalSeconds: Int, leaseSeconds: Int? = nil, maximumAttempts: Int = 3,
        work: @escaping @Sendable (_ periodStart: Date) async throws -> String
    ) {
        precondition(intervalSeconds > 0, "A scheduled job needs a positive interval")
        self.name = name
        self.intervalSeconds = intervalSeconds
        self.leaseSeconds = max(leaseSeconds ?? intervalSeconds, 1)
        self.maximumAttempts = max(maximumAttempts, 1)
        self.work = work
    }

    /// The start of the period that contains `date`.
    public func periodStart(containing date: Date) -> Date {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let start = seconds - ((seconds % intervalSeconds) + intervalSeconds) % intervalSeconds
        return Date(timeIntervalSince1970: TimeInterval(start))
    }

    /// The key of the period that contains `date`: its start, ISO 8601 in UTC.
    public func periodKey(containing date: Date) -> String {
        periodStart(containing: date).formatted(.iso8601)
    }
}
