import FluentKit
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The thread on which every SQLite write transaction runs, with the one connection it writes through.
///
/// It is a `TaskExecutor`: ``SQLiteGroupCommit`` drains its queue in a task that prefers this executor, so the bodies
/// of the transactions, their statements on ``SQLiteWriterConnection`` (which never suspend) and the COMMIT's fsync all
/// run here, one after another, without a thread hand-off between statements. Blocking here is what the thread is for;
/// the cooperative pool and the event loops never wait for the disk.
final class SQLiteWriter: TaskExecutor {
    let connection: SQLiteWriterConnection
    /// The connection as the repositories of a transaction see it.
    let database: SQLiteWriterDatabase
    private let group: MultiThreadedEventLoopGroup
    private let eventLoop: any EventLoop
    /// False once ``shutdown()`` has begun: jobs are no longer sent to the thread, which is about to stop.
    private let accepting = Mutex(true)

    private init(connection: SQLiteWriterConnection, fluent: any FluentKit.DatabaseConfiguration, logger: Logger) {
        self.connection = connection
        // An event loop of its own, used as a plain thread with a job queue; futures the database returns belong to
        // it, so awaiting one here resumes without leaving the thread.
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        eventLoop = group.next()
        database = SQLiteWriterDatabase(
            connection: connection,
            context: DatabaseContext(configuration: fluent, logger: logger, eventLoop: eventLoop))
    }

    /// Opens the write connection on `path` (see ``SQLiteWriterConnection/open(path:busyTimeoutMilliseconds:)``) and
    /// starts its thread.
    static func open(
        path: String, busyTimeoutMilliseconds: Int, fluent: any FluentKit.DatabaseConfiguration, logger: Logger
    ) throws -> SQLiteWriter {
        let connection = try SQLiteWriterConnection.open(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        return SQLiteWriter(connection: connection, fluent: fluent, logger: logger)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let sent = accepting.withLock { accepting in
            if accepting { eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) } }
            return accepting
        }
        // A task that reaches the writer after shutdown began (a transaction racing the process's exit) must still
        // run to its end, or its caller would wait forever: it runs on the global executor, where the closed
        // connection refuses its statements and the caller gets that error.
        if !sent { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
    }

    /// Closes the connection (on its thread, after every job sent there before) and stops the thread.
    func shutdown() async throws {
        accepting.withLock { $0 = false }
        try await eventLoop.submit { self.connection.close() }.get()
        try await group.shutdownGracefully()
    }
}
