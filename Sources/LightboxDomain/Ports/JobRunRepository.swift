import Foundation

/// The claims of scheduled jobs, shared by every node on one database. A claim is atomic across nodes: of several
/// nodes claiming the same job and period at once, exactly one succeeds.
public protocol JobRunRepository: Sendable {
    /// Claims `job` for `period` on behalf of `node`, returning the run when this call made the claim, or nil when the
    /// period is taken: already succeeded, running on a node whose lease has not expired, or failed `maximumAttempts`
    /// times. A failed run, or a running one whose lease expired before `now`, is claimed again (next attempt).
    func claim(
        job: String, period: String, node: String, now: Date, leaseUntil: Date, maximumAttempts: Int
    ) async throws -> JobRun?
    /// Records the end of a run claimed with `token`; returns false (and changes nothing) when the claim was
    /// lost meanwhile (its lease expired and another node claimed the period).
    func finish(
        id: UUID, token: UUID, status: JobRun.Status, summary: String, at: Date
    ) async throws -> Bool
    /// The latest runs (of one job, or of all), newest period first; at most `limit`.
    func list(job: String?, limit: Int) async throws -> [JobRun]
}
