import FluentKit

/// The runs of scheduled jobs (issue 17): the unique (job, period) key is what lets several nodes on one database
/// start the same job and have it run once per period.
struct M0090_CreateJobRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema("job_runs")
                .field(.id, .uuid, .identifier(auto: false))
                .field("job", .string, .required)
                .field("period", .string, .required)
                .field("node", .string, .required)
                .field("token", .uuid, .required)
                .field("attempt", .int, .required)
                .field("status", .string, .required)
                .field("claimed_at", .datetime, .required)
                .field("lease_until", .datetime, .required)
                .field("finished_at", .datetime)
                .field("summary", .string)
                .unique(on: "job", "period")
                .create()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_runs").delete()
    }
}
