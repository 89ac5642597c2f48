import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `JobRunRepository` on the database every node shares. Each call is its own short transaction, so a claim is
/// committed (and seen by the other nodes) before the job's work begins.
///
/// The first claim of a period is an insert that ignores a conflict on the unique (job, period) key: of two nodes
/// inserting at once, PostgreSQL makes the second wait for the first's commit and then insert nothing, and SQLite
/// writers take turns. A later claim (after a failure or an expired lease) is an update guarded by the attempt the
/// claimer read, so only one of several claimers changes the row. Either way the claimer then reads the row back and
/// holds the claim only when the row carries its own token.
public struct FluentJobRunRepository: JobRunRepository {
    private let database: LightboxDatabase

    public init(database: LightboxDatabase) {
        self.database = database
    }

    public func claim(
        job: String, period: String, node: String, now: Date, leaseUntil: Date, maximumAttempts: Int
    ) async throws -> JobRun? {
        let token = UUID()
        return try await database.withTransaction { connection, sql in
            func current() async throws -> JobRunModel? {
                try await JobRunModel.query(on: connection).filter(\.$job == job).filter(\.$period == period).first()
            }
            if let existing = try await current() {
                let status = JobRun.Status(rawValue: existing.status)
                let reclaimable =
                    (status == .failed || (status == .running && existing.leaseUntil < now))
                    && existing.attempt < maximumAttempts
                guard reclaimable, let id = existing.id else { return nil }
                try await JobRunModel.query(on: connection).filter(\.$id == id)
                    .filter(\.$attempt == existing.attempt)
                    .set(\.$node, to: node).set(\.$token, to: token).set(\.$attempt, to: existing.attempt + 1)
                    .set(\.$status, to: JobRun.Status.running.rawValue).set(\.$claimedAt, to: now)
                    .set(\.$leaseUntil, to: leaseUntil).set(\.$finishedAt, to: nil).set(\.$summary, to: nil)
                    .update()
            } else {
                try await sql.insert(into: JobRunModel.schema)
                    .columns("id", "job", "period", "node", "token", "attempt", "status", "claimed_at", "lease_until")
                    .values(
                        SQLBind(UUID()), SQLBind(job), SQLBind(period), SQLBind(node), SQLBind(token), SQLBind(1),
                        SQLBind(JobRun.Status.running.rawValue), SQLBind(now), SQLBind(leaseUntil)
                    )
                    .ignoringConflicts(with: ["job", "period"])
                    .run()
            }
            guard let row = try await current(), row.token == token else { return nil }
            return try Self.decode(row)
        }
    }

    public func finish(
        id: UUID, token: UUID, status: JobRun.Status, summary: String, at: Date
    ) async throws -> Bool {
        try await database.withTransaction { connection, _ in
            guard let row = try await JobRunModel.find(id, on: connection), row.token == token else { return false }
            row.status = status.rawValue
            row.summary = String(summary.prefix(Self.maximumSummaryLength))
            row.finishedAt = at
            try await row.update(on: connection)
            return true
        }
    }

    public func list(job: String?, limit: Int) async throws -> [JobRun] {
        let query = JobRunModel.query(on: try database.fluent())
        if let job { query.filter(\.$job == job) }
        return try await query.sort(\.$period, .descending).sort(\.$job)
            .limit(RepositoryContext.boundedLimit(limit, maximum: 1_000)).all().map(Self.decode)
    }

    /// A run's summary is kept to this many characters (an error's description can be long).
    static let maximumSummaryLength = 2_000

    private static func decode(_ row: JobRunModel) throws -> JobRun {
        JobRun(
            id: try row.requireID(), job: row.job, period: row.period, node: row.node, token: row.token,
            attempt: row.attempt, status: JobRun.Status(rawValue: row.status) ?? .failed, claimedAt: row.claimedAt,
            leaseUntil: row.leaseUntil, finishedAt: row.finishedAt, summary: row.summary)
    }
}
