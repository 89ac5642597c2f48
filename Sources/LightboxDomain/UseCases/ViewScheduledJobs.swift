import Foundation

/// The server's scheduled jobs and their latest runs across every node (issue 17 "Scheduled jobs"), for the
/// manager: no patient data, so not audited.
public struct ViewScheduledJobs: Sendable {
    /// The runs shown per job in the listing.
    public static let recentRuns = 10
    /// The most runs of one job one read returns.
    public static let maximumRuns = 200

    let policy: AccessPolicy
    let schedules: [JobSchedule]
    let runs: any JobRunRepository

    public init(policy: AccessPolicy, schedules: [JobSchedule], runs: any JobRunRepository) {
        self.policy = policy
        self.schedules = schedules
        self.runs = runs
    }

    /// Every job with its latest `recentRuns` runs.
    public func callAsFunction(by actor: Actor) async throws -> [ScheduledJobStatus] {
        try policy.require(actor, .viewJobs)
        var statuses: [ScheduledJobStatus] = []
        for schedule in schedules {
            statuses.append(
                ScheduledJobStatus(
                    schedule: schedule, recentRuns: try await runs.list(job: schedule.name, limit: Self.recentRuns)))
        }
        return statuses
    }

    /// One job with up to `limit` runs.
    public func job(_ name: String, limit: Int, by actor: Actor) async throws -> ScheduledJobStatus {
        try policy.require(actor, .viewJobs)
        guard let schedule = schedules.first(where: { $0.name == name }) else {
            throw DomainError(
                .notFound,
                "There is no scheduled job '\(name)' (known: \(schedules.map(\.name).joined(separator: ", "))).")
        }
        let runs = try await runs.list(job: name, limit: min(max(limit, 1), Self.maximumRuns))
        return ScheduledJobStatus(schedule: schedule, recentRuns: runs)
    }
}
