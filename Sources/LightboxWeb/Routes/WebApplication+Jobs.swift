import Foundation
import Hummingbird
import LightboxDomain

extension JobRun: APISchema {
    public static let schemaName = "JobRun"
    public static var example: JobRun {
        JobRun(
            id: Examples.id(70), job: "staff-expiries", period: "2026-03-02T09:00:00Z",
            node: "lightbox-2:4121:9f3a01c2",
            token: Examples.id(71), attempt: 1, status: .succeeded, claimedAt: Examples.now,
            leaseUntil: Examples.now.addingTimeInterval(900), finishedAt: Examples.now.addingTimeInterval(2),
            summary: "1 lapse(s) applied, 1 entitlement(s) removed")
    }
}

extension ScheduledJobStatus: APISchema {
    public static let schemaName = "ScheduledJobStatus"
    public static var example: ScheduledJobStatus {
        ScheduledJobStatus(
            schedule: JobSchedule(name: "staff-expiries", intervalSeconds: 900, leaseSeconds: 900, maximumAttempts: 3),
            recentRuns: [.example])
    }
}

extension WebApplication {
    /// The scheduled jobs (issue 17 "Scheduled jobs"): each job's schedule and its latest runs on any node.
    static var jobRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/jobs", id: "listScheduledJobs",
                summary:
                    "The scheduled jobs with their latest runs (node, start, end, outcome), newest first, across "
                    + "every node",
                tag: "Jobs", access: .permission(.viewJobs), body: NoBody.self, response: [ScheduledJobStatus].self
            ) { call, _ in
                guard let jobs = call.environment.jobs else { return [] }
                return try await jobs(by: call.actor)
            },
            .json(
                .get, "/api/jobs/{job}", id: "getScheduledJob",
                summary: "One scheduled job with up to `limit` of its latest runs (50 by default)", tag: "Jobs",
                access: .permission(.viewJobs),
                query: [QueryParameter("limit", "1 to \(ViewScheduledJobs.maximumRuns)")], body: NoBody.self,
                response: ScheduledJobStatus.self, problems: [.notFound, .unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let limit = call.queryLimit(fallback: 50, maximum: ViewScheduledJobs.maximumRuns, errors: &errors)
                guard errors.isEmpty else { throw Problem.invalid("The limit is wrong.", errors: errors) }
                let name = call.parameter("job")
                guard let jobs = call.environment.jobs else {
                    throw DomainError(.notFound, "There is no scheduled job '\(name)': this server runs none.")
                }
                return try await jobs.job(name, limit: limit, by: call.actor)
            },
        ]
    }
}
