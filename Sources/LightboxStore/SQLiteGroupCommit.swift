import FluentKit
import Foundation
import Logging
import SQLKit
import Synchronization

/// Group commit on SQLite: transactions that arrive while a commit is in flight share the next commit.
///
/// With `journal_mode=WAL` and `synchronous=FULL` every COMMIT fsyncs the WAL once, and SQLite has one writer,
/// so transactions committed one by one are bounded by the disk's fsync rate. Here they queue instead; whoever
/// finds the queue idle starts a drain task that takes up to `maximumGroupSize` queued transactions at a time
/// and runs them in ONE SQLite transaction (`BEGIN IMMEDIATE` … `COMMIT`, one fsync), each body in a SAVEPOINT
/// of its own:
///
/// - a body that throws is rolled back to its savepoint: its rows and its audit entries are gone, the others'
///   stay, and its caller gets its own error;
/// - every caller resumes only after the shared COMMIT has returned, so nothing is reported done (an HL7 AA, an
///   HTTP 2xx) before it is on disk; if the COMMIT (or BEGIN, or the connection) fails, nothing of the group
///   is stored and every caller whose body succeeded gets that error;
/// - bodies run one after another in queue order on the one connection, and the audit chain is appended at the
///   end of each body, so chain order is the order of the bodies, which is commit order;
/// - there is no timer: a lone transaction starts at once, and a group is simply what queued meanwhile.
///
/// Each body sees the uncommitted changes of the bodies before it in its group, exactly as if they had committed
/// one by one before it; if the group's commit fails they all fail together, so nobody acts on a change that was
/// not stored.
///
/// The drain runs on ``SQLiteWriter``'s thread, through its connection: a body's statements run there one after
/// another without a thread hand-off, and the COMMIT's fsync blocks that thread only.
final class SQLiteGroupCommit: Sendable {
    /// One queued transaction, type-erased so one queue holds every result type.
    private protocol Member: Sendable {
        var enqueuedAt: ContinuousClock.Instant { get }
        /// Runs the body and keeps its outcome; returns the body's error, nil when it succeeded.
        func run(_ connection: any Database, _ sql: any SQLDatabase) async -> (any Error)?
        /// Resumes the caller: with the body's own outcome when `groupFailure` is nil or the body itself failed,
        /// else with `groupFailure` (nothing of the group was stored).
        func finish(groupFailure: (any Error)?)
    }

    private final class Unit<T: Sendable>: Member {
        let enqueuedAt = ContinuousClock.now
        let body: @Sendable (any Database, any SQLDatabase) async throws -> T
        let continuation: CheckedContinuation<T, any Error>
        let outcome = Mutex<Result<T, any Error>?>(nil)

        init(
            body: @escaping @Sendable (any Database, any SQLDatabase) async throws -> T,
            continuation: CheckedContinuation<T, any Error>
        ) {
            self.body = body
            self.continuation = continuation
        }

        func run(_ connection: any Database, _ sql: any SQLDatabase) async -> (any Error)? {
            do {
                let value = try await body(connection, sql)
                outcome.withLock { $0 = .success(value) }
                return nil
            } catch {
                outcome.withLock { $0 = .failure(error) }
                return error
            }
        }

        func finish(groupFailure: (any Error)?) {
            let result = outcome.withLock { $0 }
            switch (result, groupFailure) {
            case (.failure(let own)?, _):
                continuation.resume(throwing: own)
            case (.success(let value)?, nil):
                continuation.resume(returning: value)
            case (_, let failure?):
                continuation.resume(throwing: failure)
            case (nil, nil):
                // Unreachable by construction (a group commits only after all its bodies ran); answered with an
                // error rather than a crash.
                continuation.resume(
                    throwing: LightboxStoreError(
                        code: "store.internal", message: "A transaction was committed without having run."))
            }
        }
    }

    private struct State {
        var queue: [any Member] = []
        var draining = false
        var groupsCommitted = 0
        var transactionsCommitted = 0
    }

    /// The most transactions one commit carries.
    let maximumGroupSize: Int
    /// The most transactions waiting; beyond it a transaction is refused at once (overload), never queued.
    let maximumQueued: Int
    /// A transaction still queued after this long is refused instead of run (its caller has likely given up).
    let maximumWait: Duration
    private let state = Mutex(State())
    /// The thread and connection every group runs on.
    let writer: SQLiteWriter

    init(writer: SQLiteWriter, maximumGroupSize: Int, maximumQueued: Int, maximumWait: Duration) {
        self.writer = writer
        self.maximumGroupSize = max(1, maximumGroupSize)
        self.maximumQueued = max(1, maximumQueued)
        self.maximumWait = maximumWait
    }

    /// Queues `body` and returns its result once the commit that carried it has succeeded.
    func transaction<T: Sendable>(
        on database: LightboxDatabase, _ body: @escaping @Sendable (any Database, any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let unit = Unit(body: body, continuation: continuation)
            let decision: Bool? = state.withLock { state in
                guard state.queue.count < maximumQueued else { return nil }
                state.queue.append(unit)
                if state.draining { return false }
                state.draining = true
                return true
            }
            switch decision {
            case nil:
                continuation.resume(throwing: Self.overloaded("\(maximumQueued) transactions are already waiting"))
            case true?:
                // The drain runs in a task of its own so that no caller returns later than its own commit
                // because it happened to be the one that started the queue moving.
                Task(executorPreference: writer) { await self.drain(on: database) }
            case false?:
                break
            }
        }
    }

    /// Transactions waiting for a commit (for tests and diagnostics).
    var queuedCount: Int { state.withLock { $0.queue.count } }

    /// Commits that succeeded so far, and the transactions they carried (for tests and diagnostics).
    var committed: (groups: Int, transactions: Int) {
        state.withLock { ($0.groupsCommitted, $0.transactionsCommitted) }
    }

    private func drain(on database: LightboxDatabase) async {
        while true {
            let group: [any Member] = state.withLock { state in
                let count = min(state.queue.count, maximumGroupSize)
                guard count > 0 else {
                    state.draining = false
                    return []
                }
                let group = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                return group
            }
            guard !group.isEmpty else { return }
            let now = ContinuousClock.now
            var live: [any Member] = []
            for member in group {
                if member.enqueuedAt.duration(to: now) > maximumWait {
                    member.finish(
                        groupFailure: Self.overloaded("it waited more than \(maximumWait) for the database"))
                } else {
                    live.append(member)
                }
            }
            if !live.isEmpty { await commit(live, on: database) }
        }
    }

    private func commit(_ group: [any Member], on database: LightboxDatabase) async {
        do {
            let committed = try await runInOneTransaction(group, logger: database.logger)
            if committed > 0 {
                state.withLock { state in
                    state.groupsCommitted += 1
                    state.transactionsCommitted += committed
                }
            }
            for member in group { member.finish(groupFailure: nil) }
        } catch {
            let failure = database.translate(error)
            database.logger.debug(
                "SQLite group commit failed", metadata: ["transactions": "\(group.count)", "error": "\(failure)"])
            for member in group { member.finish(groupFailure: failure) }
        }
    }

    /// Runs the group's bodies between one BEGIN IMMEDIATE and one COMMIT and returns how many succeeded; throws
    /// (with everything rolled back) when the group as a whole could not be committed.
    private func runInOneTransaction(_ group: [any Member], logger: Logger) async throws -> Int {
        let sql = writer.database
        let savepoints = group.count > 1
        try await sql.raw("BEGIN IMMEDIATE TRANSACTION").run()
        do {
            var succeeded = 0
            for member in group {
                if savepoints { try await sql.raw("SAVEPOINT lightbox_unit").run() }
                if let failure = await member.run(sql, sql) {
                    if savepoints {
                        // Some SQLite errors (disk full, I/O) roll back the whole transaction, and then the
                        // savepoint is gone too: the group is lost, and the body's error says why.
                        do {
                            try await sql.raw("ROLLBACK TO SAVEPOINT lightbox_unit").run()
                        } catch {
                            throw failure
                        }
                    }
                } else {
                    succeeded += 1
                }
                if savepoints { try await sql.raw("RELEASE SAVEPOINT lightbox_unit").run() }
            }
            if succeeded == 0 {
                try await sql.raw("ROLLBACK TRANSACTION").run()
                return 0
            }
            try await sql.raw("COMMIT TRANSACTION").run()
            return succeeded
        } catch {
            // A failed COMMIT (a deferred constraint, an I/O error) can leave the transaction open.
            do {
                try await sql.raw("ROLLBACK TRANSACTION").run()
            } catch {
                logger.debug("Rollback after a failed group commit failed", metadata: ["error": "\(error)"])
            }
            throw error
        }
    }

    private static func overloaded(_ why: String) -> LightboxStoreError {
        LightboxStoreError(
            code: "store.overloaded", message: "The database is overloaded: \(why); the request was refused.")
    }
}
