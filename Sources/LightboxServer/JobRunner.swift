import Foundation
import LightboxDomain
import Logging
import ServiceLifecycle

/// Runs the scheduled jobs on this node. Every node runs a runner with the same jobs; each tick, for each job, the
/// runner claims the current period in the shared store and runs the job only when the claim is its own, so with
/// several nodes on one database every job runs once per period (`JobRunRepository`).
public struct JobRunner: Service {
    /// What one tick did with one job.
    public enum Outcome: Sendable, Equatable {
        /// This node claimed the period and the job finished; the summary it gave.
        case ran(job: String, period: String, summary: String)
        /// This node claimed the period and the job threw.
        case failed(job: String, period: String, error: String)
        /// The period was taken (another node has it, or it is done).
        case skipped(job: String, period: String)
    }

    let jobs: [ScheduledJob]
    let runs: any JobRunRepository
    let clock: any Clock
    /// This node's name in the runs (host name and process id by default).
    public let node: String
    /// How often the runner looks for due periods.
    let tick: Duration
    let logger: Logger

    public init(
        jobs: [ScheduledJob], runs: any JobRunRepository, clock: any Clock, node: String = JobRunner.defaultNodeName(),
        tick: Duration = .seconds(15), logger: Logger
    ) {
        self.jobs = jobs
        self.runs = runs
        self.clock = clock
        self.node = node
        self.tick = tick
        self.logger = logger
    }

    /// `host:pid`, with a random suffix so two runners in one process (tests) are two nodes.
    public static func defaultNodeName() -> String {
        let process = ProcessInfo.processInfo
        return "\(process.hostName):\(process.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// One tick: each job whose current period this node can claim is run, one after another.
    public func runDue() async -> [Outcome] {
        var outcomes: [Outcome] = []
        for job in jobs {
            outcomes.append(await runIfDue(job))
        }
        return outcomes
    }

    private func runIfDue(_ job: ScheduledJob) async -> Outcome {
        let now = clock.now()
        let start = job.periodStart(containing: now)
        let period = job.periodKey(containing: now)
        let claimed: JobRun?
        do {
            claimed = try await runs.claim(
                job: job.name, period: period, node: node, now: now,
                leaseUntil: now.addingTimeInterval(TimeInterval(job.leaseSeconds)),
                maximumAttempts: job.maximumAttempts)
        } catch {
            logger.error(
                "Cannot claim a scheduled job",
                metadata: ["job": "\(job.name)", "period": "\(period)", "error": "\(error)"])
            return .failed(job: job.name, period: period, error: "\(error)")
        }
        guard let run = claimed else { return .skipped(job: job.name, period: period) }
        let status: JobRun.Status
        let summary: String
        do {
            summary = try await job.work(start)
            status = .succeeded
        } catch {
            summary = "\(error)"
            status = .failed
            logger.error(
                "Scheduled job failed; its period is tried again on a later tick",
                metadata: [
                    "job": "\(job.name)", "period": "\(period)", "attempt": "\(run.attempt)", "error": "\(error)",
                ])
        }
        do {
            let kept = try await runs.finish(
                id: run.id, token: run.token, status: status, summary: summary, at: clock.now())
            if !kept {
                logger.warning(
                    "A scheduled job outlived its claim; another node took its period over",
                    metadata: ["job": "\(job.name)", "period": "\(period)"])
            }
        } catch {
            logger.error(
                "Cannot record the end of a scheduled job",
                metadata: ["job": "\(job.name)", "period": "\(period)", "error": "\(error)"])
        }
        switch status {
        case .succeeded:
            logger.debug("Scheduled job ran", metadata: ["job": "\(job.name)", "period": "\(period)"])
            return .ran(job: job.name, period: period, summary: summary)
        case .failed, .running:
            return .failed(job: job.name, period: period, error: summary)
        }
    }

    public func run() async throws {
        // A graceful shutdown cancels the wait; the runner then ends normally, not with an error.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await runDue()
                try? await Task.sleep(for: tick)
            }
        }
    }
}
