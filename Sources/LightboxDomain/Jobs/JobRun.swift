import Foundation

/// One run of a scheduled job for one period (the minute, hour or day it covers). Several Lightbox nodes share one
/// database; the store keeps at most one run per job and period, so whichever node claims the period first runs
/// the job and the others leave it alone.
public struct JobRun: Sendable, Codable, Equatable, Identifiable {
    /// Where the run stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Claimed by `node`, which holds it until `leaseUntil`.
        case running
        /// Finished without error: the period is done.
        case succeeded
        /// Finished with an error: another tick (on any node) may try the period again, up to the job's attempts.
        case failed
    }

    public var id: UUID
    /// The job's name (`ScheduledJob.name`), e.g. `report-alert-escalation`.
    public var job: String
    /// The period's key: the start of the period, ISO 8601 in UTC.
    public var period: String
    /// The node that holds (or last held) the claim.
    public var node: String
    /// Changes with every claim, so a node that lost its claim cannot finish someone else's run.
    public var token: UUID
    /// How many times the period was claimed (1 for the first run; more after failures or expired leases).
    public var attempt: Int
    public var status: Status
    public var claimedAt: Date
    /// A run still `running` after this is taken to have died with its node; another node may claim the period.
    public var leaseUntil: Date
    public var finishedAt: Date?
    /// What the run did, or the error it ended with.
    public var summary: String?

    public init(
        id: UUID, job: String, period: String, node: String, token: UUID, attempt: Int = 1, status: Status = .running,
        claimedAt: Date, leaseUntil: Date, finishedAt: Date? = nil, summary: String? = nil
    ) {
        self.id = id
        self.job = job
        self.period = period
        self.node = node
        self.token = token
        self.attempt = attempt
        self.status = status
        self.claimedAt = claimedAt
        self.leaseUntil = leaseUntil
        self.finishedAt = finishedAt
        self.summary = summary
    }
}
