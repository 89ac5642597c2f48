import Foundation
import LightboxDomain
import LightboxServer
import LightboxStore
import LightboxTestSupport
import Logging
import Synchronization
import Testing

/// Issue 17 "Scheduled jobs": a job started on two nodes of one database (two `JobRunner`s, each on its own
/// connection pool to the same PostgreSQL schema or SQLite file) runs once per period; a failed run is tried again,
/// and a node that died holding a claim loses it when its lease expires.
@Suite("Job runner")
struct JobRunnerTests {
    /// Counts the runs of a job per period, across nodes.
    final class RunCounter: Sendable {
        private let counts = Mutex<[String: Int]>([:])
        func count(_ period: String) { counts.withLock { $0[period, default: 0] += 1 } }
        var all: [String: Int] { counts.withLock { $0 } }
    }

    static let logger: Logger = {
        var logger = Logger(label: "lightbox.jobs.tests")
        logger.logLevel = .critical
        return logger
    }()

    /// A second node: another `LightboxDatabase` (its own connections) on the test database's file or schema.
    static func secondNode(_ database: TestDatabase) async throws -> LightboxDatabase {
        switch database.engine {
        case .sqlite:
            let path = try #require(database.sqlitePath)
            return try await LightboxDatabase.open(.init(location: .sqlite(path: path)), logger: logger)
        case .postgres:
            let url = try #require(database.postgresURL)
            return try await LightboxDatabase.open(
                .init(location: .postgres(url: url), postgresSchema: database.postgresSchema), logger: logger)
        }
    }

    /// Runs `body` with a second node and closes its connections afterwards.
    static func withSecondNode(
        _ database: TestDatabase, _ body: (LightboxDatabase) async throws -> Void
    ) async throws {
        let other = try await secondNode(database)
        do {
            try await body(other)
            await other.shutdown()
        } catch {
            await other.shutdown()
            throw error
        }
    }

    static func countingJob(_ counter: RunCounter, intervalSeconds: Int = 60) -> ScheduledJob {
        ScheduledJob(name: "count", intervalSeconds: intervalSeconds) { start in
            counter.count(start.formatted(.iso8601))
            return "counted"
        }
    }

    @Test(
        "Two nodes ticking together in each of five periods run the job once per period", arguments: TestEngine.allCases
    )
    func oncePerPeriodAcrossTwoNodes(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await Self.withSecondNode(database) { other in
                let clock = FixedClock()
                let counter = RunCounter()
                let job = Self.countingJob(counter)
                let nodeA = JobRunner(
                    jobs: [job], runs: FluentJobRunRepository(database: database.database), clock: clock,
                    node: "node-a",
                    logger: Self.logger)
                let nodeB = JobRunner(
                    jobs: [job], runs: FluentJobRunRepository(database: other), clock: clock, node: "node-b",
                    logger: Self.logger)
                let start = job.periodStart(containing: clock.now())
                var periods: [String] = []
                for index in 0..<5 {
                    clock.set(start.addingTimeInterval(TimeInterval(index * 60 + 7)))
                    let period = job.periodKey(containing: clock.now())
                    periods.append(period)
                    async let fromA = nodeA.runDue()
                    async let fromB = nodeB.runDue()
                    let outcomes = await fromA + fromB
                    let ran = outcomes.filter { if case .ran = $0 { true } else { false } }
                    #expect(ran == [.ran(job: "count", period: period, summary: "counted")], "\(outcomes)")
                    #expect(outcomes.contains(.skipped(job: "count", period: period)), "\(outcomes)")
                    // A later tick in the same period, on either node, leaves it alone.
                    clock.advance(by: 30)
                    #expect(await nodeA.runDue() == [.skipped(job: "count", period: period)])
                    #expect(await nodeB.runDue() == [.skipped(job: "count", period: period)])
                }
                #expect(counter.all == Dictionary(uniqueKeysWithValues: periods.map { ($0, 1) }))
                let stored = try await FluentJobRunRepository(database: other).list(job: "count", limit: 10)
                #expect(stored.map(\.period) == periods.reversed())
                #expect(stored.allSatisfy { $0.status == .succeeded && $0.attempt == 1 && $0.summary == "counted" })
                #expect(stored.allSatisfy { ["node-a", "node-b"].contains($0.node) })
            }
        }
    }

    @Test(
        "Two runner services started on two nodes with the system clock run a one-second job once per second",
        arguments: TestEngine.allCases)
    func servicesOnTwoNodes(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await Self.withSecondNode(database) { other in
                let counter = RunCounter()
                let job = Self.countingJob(counter, intervalSeconds: 1)
                let runners = [database.database, other].enumerated().map { index, node in
                    JobRunner(
                        jobs: [job], runs: FluentJobRunRepository(database: node), clock: SystemClock(),
                        node: "node-\(index)", tick: .milliseconds(20), logger: Self.logger)
                }
                let deadline = ContinuousClock.now.advanced(by: .seconds(30))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for runner in runners { group.addTask { try await runner.run() } }
                    while counter.all.count < 4 && ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    group.cancelAll()
                }
                #expect(counter.all.count >= 4, "periods run: \(counter.all)")
                #expect(counter.all.values.allSatisfy { $0 == 1 }, "\(counter.all)")
                let stored = try await FluentJobRunRepository(database: database.database).list(
                    job: "count", limit: 100)
                #expect(Set(stored.map(\.period)) == Set(counter.all.keys))
            }
        }
    }

    @Test("A failed run is tried again on the next tick, up to the job's attempts", arguments: TestEngine.allCases)
    func failedRunIsRetried(engine: TestEngine) async throws {
        struct Flaky: Error, CustomStringConvertible { var description: String { "the phantom file was missing" } }
        try await TestDatabase.with(engine) { database in
            let clock = FixedClock()
            let attempts = Mutex(0)
            let job = ScheduledJob(name: "flaky", intervalSeconds: 3600, maximumAttempts: 3) { _ in
                let attempt = attempts.withLock { value in
                    value += 1
                    return value
                }
                if attempt < 2 { throw Flaky() }
                return "attempt \(attempt) worked"
            }
            let runs = FluentJobRunRepository(database: database.database)
            let runner = JobRunner(jobs: [job], runs: runs, clock: clock, node: "node-a", logger: Self.logger)
            let period = job.periodKey(containing: clock.now())
            #expect(
                await runner.runDue() == [.failed(job: "flaky", period: period, error: "the phantom file was missing")])
            var stored = try await runs.list(job: "flaky", limit: 5)
            #expect(stored.first?.status == .failed && stored.first?.summary == "the phantom file was missing")
            clock.advance(by: 15)
            #expect(await runner.runDue() == [.ran(job: "flaky", period: period, summary: "attempt 2 worked")])
            clock.advance(by: 15)
            #expect(await runner.runDue() == [.skipped(job: "flaky", period: period)])
            stored = try await runs.list(job: "flaky", limit: 5)
            #expect(stored.count == 1 && stored.first?.attempt == 2 && stored.first?.status == .succeeded)

            // A job that always fails gives up on its period after its attempts.
            let hopeless = ScheduledJob(name: "hopeless", intervalSeconds: 3600, maximumAttempts: 2) { _ in
                throw Flaky()
            }
            let second = JobRunner(jobs: [hopeless], runs: runs, clock: clock, node: "node-a", logger: Self.logger)
            let hopelessPeriod = hopeless.periodKey(containing: clock.now())
            for _ in 0..<2 {
                #expect(
                    await second.runDue() == [
                        .failed(job: "hopeless", period: hopelessPeriod, error: "the phantom file was missing")
                    ])
            }
            #expect(await second.runDue() == [.skipped(job: "hopeless", period: hopelessPeriod)])
        }
    }

    @Test(
        "A claim whose node died is taken over when its lease expires, and the dead node cannot finish it",
        arguments: TestEngine.allCases)
    func expiredLeaseIsTakenOver(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await Self.withSecondNode(database) { other in
                let clock = FixedClock()
                let counter = RunCounter()
                let job = ScheduledJob(name: "daily", intervalSeconds: 86_400, leaseSeconds: 600) { start in
                    counter.count(start.formatted(.iso8601))
                    return "done"
                }
                let period = job.periodKey(containing: clock.now())
                // Node A claims the period and dies before finishing.
                let dead = try #require(
                    try await FluentJobRunRepository(database: database.database).claim(
                        job: "daily", period: period, node: "node-a", now: clock.now(),
                        leaseUntil: clock.now().addingTimeInterval(600), maximumAttempts: 3))
                let nodeB = JobRunner(
                    jobs: [job], runs: FluentJobRunRepository(database: other), clock: clock, node: "node-b",
                    logger: Self.logger)
                #expect(await nodeB.runDue() == [.skipped(job: "daily", period: period)])
                #expect(counter.all.isEmpty)
                clock.advance(by: 601)
                #expect(await nodeB.runDue() == [.ran(job: "daily", period: period, summary: "done")])
                #expect(counter.all.count == 1)
                let late = try await FluentJobRunRepository(database: database.database).finish(
                    id: dead.id, token: dead.token, status: .succeeded, summary: "late", at: clock.now())
                #expect(!late)
                let stored = try await FluentJobRunRepository(database: database.database).list(job: "daily", limit: 5)
                #expect(stored.count == 1 && stored.first?.node == "node-b" && stored.first?.attempt == 2)
                #expect(stored.first?.summary == "done")
            }
        }
    }

    @Test("Periods are fixed slices from the epoch, the same on every node")
    func periods() {
        let job = ScheduledJob(name: "hourly", intervalSeconds: 3600) { _ in "" }
        let moment = Date(timeIntervalSince1970: 1_772_442_000 + 1_799)
        #expect(job.periodKey(containing: moment) == "2026-03-02T09:00:00Z")
        #expect(job.periodStart(containing: Date(timeIntervalSince1970: -1)) == Date(timeIntervalSince1970: -3600))
    }
}
