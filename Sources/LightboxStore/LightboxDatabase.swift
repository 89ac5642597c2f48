import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Synchronization

/// The open database: SQLite (one write and one read connection, WAL) or PostgreSQL (a small pool). Open it once in the composition
/// root, run ``migrate()``, hand it to ``FluentDepartmentStore`` and ``AuditVerifier``, and ``shutdown()`` at exit.
///
/// SQLite durability: `journal_mode=WAL` with `synchronous=FULL`. In WAL mode `NORMAL` survives a crash of the
/// process but can lose the last commits on power loss or an OS crash, because the WAL is fsynced only at
/// checkpoints. Lightbox promises that what it acknowledged (HTTP 2xx, DICOM Success, HL7 AA) is durable, so every
/// commit fsyncs the WAL. Every transaction runs on the one write connection (``SQLiteWriter``), so this process
/// has one writer; writes from other processes (a second `lightbox` command) wait up to the busy timeout
/// instead of sqlite-nio's default of retrying forever, and every transaction starts with `BEGIN IMMEDIATE` so the
/// write lock is taken before anything is read.
public final class LightboxDatabase: Sendable {
    /// The engine behind the database.
    public enum Engine: String, Sendable, CaseIterable {
        case sqlite
        case postgres
    }

    /// The engine this database runs on.
    public let engine: Engine
    /// The configuration it was opened with.
    public let configuration: DatabaseConfiguration
    /// This process's name among the nodes sharing a PostgreSQL database (its own notifications are not relayed).
    public let nodeID = UUID()
    let logger: Logger
    private let databases: Databases
    let eventLoopGroup: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    private let isShutDown = Mutex(false)
    /// SQLite only: the queue through which every transaction is committed, in groups.
    private let groupCommit: SQLiteGroupCommit?

    private init(
        engine: Engine, configuration: DatabaseConfiguration, logger: Logger, databases: Databases,
        eventLoopGroup: MultiThreadedEventLoopGroup, threadPool: NIOThreadPool, sqliteWriter: SQLiteWriter? = nil
    ) {
        self.engine = engine
        self.configuration = configuration
        self.logger = logger
        self.databases = databases
        self.eventLoopGroup = eventLoopGroup
        self.threadPool = threadPool
        groupCommit = sqliteWriter.map {
            SQLiteGroupCommit(
                writer: $0, maximumGroupSize: configuration.sqliteMaximumGroupSize,
                maximumQueued: Self.sqliteMaximumQueuedTransactions,
                maximumWait: .seconds(configuration.connectionWaitSeconds))
        }
    }

    /// The most SQLite transactions waiting for their commit at once; more are refused (overload), not queued.
    static let sqliteMaximumQueuedTransactions = 10_000

    /// Commits that succeeded on SQLite and the transactions they carried (nil on PostgreSQL).
    var sqliteCommits: (groups: Int, transactions: Int)? { groupCommit?.committed }

    /// SQLite transactions waiting for a commit (0 on PostgreSQL).
    var sqliteQueuedTransactions: Int { groupCommit?.queuedCount ?? 0 }

    /// Opens (and for SQLite creates) the database and checks the connection settings. Does not migrate.
    public static func open(
        _ configuration: DatabaseConfiguration, logger: Logger = Logger(label: "lightbox.store")
    ) async throws -> LightboxDatabase {
        switch configuration.location {
        case .sqlite(let path):
            return try await openSQLite(path: path, configuration: configuration, logger: logger)
        case .postgres(let url):
            return try await openPostgres(url: url, configuration: configuration, logger: logger)
        }
    }

    private static func openSQLite(
        path: String, configuration: DatabaseConfiguration, logger: Logger
    ) async throws -> LightboxDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LightboxStoreError.dataDirectory(directory, "\(error)")
        }
        guard configuration.sqliteBusyTimeoutMilliseconds >= 0 else {
            throw LightboxStoreError.unsupportedSetting("The SQLite busy timeout must not be negative.")
        }
        // Two connections. Every write transaction goes through ``SQLiteWriter``'s (one thread, statements prepared
        // once, commits in groups); reads outside a transaction, migrations and the shutdown checkpoint go through
        // fluent-sqlite-driver's, which opens one connection per event loop: one event loop and one blocking thread
        // make it a single connection. In WAL mode a reader never waits for the writer.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let databases = Databases(threadPool: threadPool, on: group)
        databases.use(
            .sqlite(
                SQLiteConfiguration(storage: .file(path: path), enableForeignKeys: true),
                connectionPoolTimeout: .seconds(configuration.connectionWaitSeconds)),
            as: .sqlite, isDefault: true)
        let writer: SQLiteWriter
        do {
            guard let fluent = databases.configuration(for: .sqlite) else {
                throw LightboxStoreError.unsupportedSetting("The SQLite driver was not registered.")
            }
            writer = try SQLiteWriter.open(
                path: path, busyTimeoutMilliseconds: configuration.sqliteBusyTimeoutMilliseconds, fluent: fluent,
                logger: logger)
        } catch {
            await databases.shutdownAsync()
            try? await threadPool.shutdownGracefully()
            try? await group.shutdownGracefully()
            throw LightboxStoreError(
                code: "store.open-failed", message: "The SQLite database at '\(path)' cannot be opened: \(error).")
        }
        let database = LightboxDatabase(
            engine: .sqlite, configuration: configuration, logger: logger, databases: databases,
            eventLoopGroup: group, threadPool: threadPool, sqliteWriter: writer)
        do {
            try await database.configureSQLite()
        } catch let error as LightboxStoreError {
            await database.shutdown()
            throw error
        } catch {
            await database.shutdown()
            throw LightboxStoreError(
                code: "store.open-failed",
                message: "The SQLite database at '\(path)' cannot be opened: \(String(reflecting: error)).")
        }
        return database
    }

    private static func openPostgres(
        url: String, configuration: DatabaseConfiguration, logger: Logger
    ) async throws -> LightboxDatabase {
        guard configuration.postgresConnectionsPerEventLoop >= 1 else {
            throw LightboxStoreError.unsupportedSetting("PostgreSQL needs at least one connection per event loop.")
        }
        let effectiveURL = try DatabaseConfiguration.postgresURLWithTLSMode(url)
        var postgresConfiguration: SQLPostgresConfiguration
        do {
            postgresConfiguration = try SQLPostgresConfiguration(url: effectiveURL)
        } catch {
            throw LightboxStoreError.invalidDatabaseURL(url, "\(error)")
        }
        if let schema = configuration.postgresSchema {
            let allowed = schema.unicodeScalars.allSatisfy {
                $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0))
            }
            guard !schema.isEmpty, allowed else {
                throw LightboxStoreError.unsupportedSetting(
                    "The PostgreSQL schema '\(schema)' must be letters, digits and underscores.")
            }
            postgresConfiguration.searchPath = [schema]
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let databases = Databases(threadPool: threadPool, on: group)
        databases.use(
            .postgres(
                configuration: postgresConfiguration,
                maxConnectionsPerEventLoop: configuration.postgresConnectionsPerEventLoop,
                connectionPoolTimeout: .seconds(configuration.connectionWaitSeconds)),
            as: .psql, isDefault: true)
        let database = LightboxDatabase(
            engine: .postgres, configuration: configuration, logger: logger, databases: databases,
            eventLoopGroup: group, threadPool: threadPool)
        do {
            _ = try await database.sql().raw("SELECT 1 AS ok").all()
        } catch {
            await database.shutdown()
            throw LightboxStoreError(
                code: "store.connect-failed",
                message:
                    "Cannot connect to PostgreSQL at \(LightboxStoreError.redacted(url)): \(String(reflecting: error))")
        }
        if let schema = configuration.postgresSchema {
            do {
                try await database.createSchemaIfMissing(schema)
            } catch {
                await database.shutdown()
                throw error
            }
        }
        return database
    }

    /// Runs every migration not yet applied, in order. Safe to call at every start; on PostgreSQL several nodes
    /// starting together take turns through an advisory lock.
    public func migrate() async throws {
        do {
            try await runMigrations()
        } catch {
            // PostgreSQL errors describe themselves generically unless reflected; a schema error carries no patient
            // data, and the operator running `lightbox migrate` needs the server's words.
            throw LightboxStoreError(
                code: "store.migration-failed", message: "Migration failed: \(String(reflecting: error))")
        }
    }

    private func runMigrations() async throws {
        let migrations = Migrations()
        for migration in LightboxMigrations.all { migrations.add(migration) }
        switch engine {
        case .sqlite:
            let migrator = Migrator(
                databases: databases, migrations: migrations, logger: logger, on: eventLoopGroup.any(),
                migrationLogLevel: .debug)
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        case .postgres:
            // The lock is a session lock, so the migrations run on the very connection that holds it.
            try await fluent().withConnection { connection in
                let sql = try Self.sql(connection)
                try await sql.raw("SELECT pg_advisory_lock(\(unsafeRaw: Self.migrationLockKey))").run()
                let migrator = Migrator(
                    databaseFactory: { _ in connection }, migrations: migrations, on: connection.eventLoop,
                    migrationLogLevel: .debug)
                do {
                    try await migrator.setupIfNeeded().get()
                    try await migrator.prepareBatch().get()
                } catch {
                    try? await sql.raw("SELECT pg_advisory_unlock(\(unsafeRaw: Self.migrationLockKey))").run()
                    throw error
                }
                try await sql.raw("SELECT pg_advisory_unlock(\(unsafeRaw: Self.migrationLockKey))").run()
            }
        }
    }

    /// The names of the migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        let rows = try await sql().raw("SELECT name FROM _fluent_migrations ORDER BY batch, created_at").all()
        return try rows.map { try $0.decode(column: "name", as: String.self) }
    }

    /// Closes every connection. For SQLite, first folds the WAL back into the main file so the file is complete on
    /// its own (for copying or `sqlite3`).
    public func shutdown() async {
        let alreadyShutDown = isShutDown.withLock { value in
            defer { value = true }
            return value
        }
        guard !alreadyShutDown else { return }
        if let writer = groupCommit?.writer {
            do {
                try await writer.shutdown()
            } catch {
                logger.warning("The SQLite writer did not stop cleanly", metadata: ["error": "\(error)"])
            }
        }
        if engine == .sqlite {
            do {
                _ = try await sql().raw("PRAGMA wal_checkpoint(TRUNCATE)").all()
            } catch {
                logger.warning("SQLite checkpoint at shutdown failed", metadata: ["error": "\(error)"])
            }
        }
        await databases.shutdownAsync()
        do {
            try await threadPool.shutdownGracefully()
            try await eventLoopGroup.shutdownGracefully()
        } catch {
            logger.warning("Database threads did not stop cleanly", metadata: ["error": "\(error)"])
        }
    }

    /// The SQLite journal mode in force (`wal` once opened), or nil on PostgreSQL.
    public func sqliteJournalMode() async throws -> String? {
        guard engine == .sqlite else { return nil }
        return try await sql().raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
    }

    // MARK: Inside LightboxStore

    /// A Fluent handle on the pool. Fluent models are only `@unchecked Sendable`, so this never leaves the module.
    func fluent() throws -> any Database {
        guard let database = databases.database(logger: logger, on: eventLoopGroup.any()) else {
            throw LightboxStoreError.shutDown()
        }
        return database
    }

    func sql() throws -> any SQLDatabase {
        try Self.sql(try fluent())
    }

    static func sql(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else {
            throw LightboxStoreError.unsupportedSetting("The database driver does not speak SQL.")
        }
        return sql
    }

    /// How many times a PostgreSQL transaction is run when the server aborts it as a deadlock victim or for a
    /// serialization conflict (the body sees only the database, so running it again is safe).
    static let postgresAttempts = 3

    /// Runs `body` in one transaction on one connection: all of it commits, or none of it. On SQLite, transactions
    /// arriving together share one commit (``SQLiteGroupCommit``), each in a savepoint of its own; either way this
    /// returns only once the commit that carried `body` has succeeded.
    func withTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any Database, any SQLDatabase) async throws -> T
    ) async throws -> T {
        switch engine {
        case .sqlite:
            guard let groupCommit, !isShutDown.withLock({ $0 }) else { throw LightboxStoreError.shutDown() }
            return try await groupCommit.transaction(on: self, body)
        case .postgres:
            // One transaction per unit of work, on a pool of connections. PostgreSQL already shares WAL flushes
            // between concurrent commits (a backend flushing the WAL flushes everything written before it), so
            // coalescing here would gain little and cost a lot: units would run one after another on one
            // connection instead of side by side, a unit could no longer be retried alone after a deadlock or
            // serialization failure, and row locks (the audit chain head's FOR UPDATE) already order concurrent
            // units across nodes.
            var attempt = 1
            while true {
                do {
                    return try await fluent().transaction { transaction in
                        try await body(transaction, try Self.sql(transaction))
                    }
                } catch {
                    guard attempt < Self.postgresAttempts, Self.isTransient(error) else { throw translate(error) }
                    logger.debug(
                        "Retrying a PostgreSQL transaction", metadata: ["error": "\(String(reflecting: error))"])
                    attempt += 1
                }
            }
        }
    }

    /// PostgreSQL's deadlock_detected (40P01) and serialization_failure (40001).
    private static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    /// Gives the errors an operator can act on a code and words; everything else passes through unchanged.
    func translate(_ error: any Error) -> any Error {
        if error is ConnectionPoolTimeoutError {
            return LightboxStoreError(
                code: "store.overloaded",
                message:
                    "No database connection became free within \(configuration.connectionWaitSeconds) seconds; the request was refused."
            )
        }
        if let error = error as? SQLiteWriterError, error.isConnectionClosed {
            return LightboxStoreError.shutDown()
        }
        if let error = error as? SQLiteWriterError, error.isBusy {
            return LightboxStoreError(
                code: "store.busy",
                message:
                    "The SQLite file stayed locked by another process for more than \(configuration.sqliteBusyTimeoutMilliseconds) ms (\(error.message))."
            )
        }
        if let error = error as? SQLiteError {
            switch error.reason {
            case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked:
                return LightboxStoreError(
                    code: "store.busy",
                    message:
                        "The SQLite file stayed locked by another process for more than \(configuration.sqliteBusyTimeoutMilliseconds) ms (\(error.message))."
                )
            default:
                return error
            }
        }
        return error
    }

    /// Creates the configured schema on first use, so a department (or a test) can name a schema that does not
    /// exist yet. Two nodes starting together may race; the loser finds the schema made and carries on.
    private func createSchemaIfMissing(_ schema: String) async throws {
        let sql = try sql()
        let exists = {
            try await sql.raw("SELECT 1 AS present FROM pg_namespace WHERE nspname = \(bind: schema)").first() != nil
        }
        guard try await !exists() else { return }
        do {
            try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        } catch {
            guard try await exists() else {
                throw LightboxStoreError(
                    code: "store.schema",
                    message: "The PostgreSQL schema '\(schema)' cannot be created: \(String(reflecting: error))")
            }
        }
    }

    // MARK: SQLite settings

    private func configureSQLite() async throws {
        try await fluent().withConnection { connection in
            let sql = try Self.sql(connection)
            // WAL is a property of the file and persists; sqlite-nio never sets it, so ask for it and check.
            let mode = try await sql.raw("PRAGMA journal_mode = WAL").first()?.decode(
                column: "journal_mode", as: String.self)
            guard mode?.lowercased() == "wal" else {
                throw LightboxStoreError.unsupportedSetting(
                    "SQLite refused write-ahead logging (journal mode is \(mode ?? "unknown")); is the file on a network share?"
                )
            }
            try await self.applySettings(sql)
            let foreignKeys = try await sql.raw("PRAGMA foreign_keys").first()?.decode(
                column: "foreign_keys", as: Int.self)
            guard foreignKeys == 1 else {
                throw LightboxStoreError.unsupportedSetting("SQLite foreign keys could not be turned on.")
            }
        }
    }

    /// The settings of sqlite-nio's connection (the write connection applies the same ones itself): migrations
    /// write through it, so `synchronous=FULL` and foreign keys matter there too, and `busy_timeout` replaces
    /// sqlite-nio's retry-forever handler.
    private func applySettings(_ sql: any SQLDatabase) async throws {
        _ = try await sql.raw("PRAGMA synchronous = FULL").all()
        _ = try await sql.raw("PRAGMA foreign_keys = ON").all()
        _ = try await sql.raw(
            "PRAGMA busy_timeout = \(unsafeRaw: String(configuration.sqliteBusyTimeoutMilliseconds))"
        ).all()
    }

    /// An arbitrary constant identifying Lightbox's migration lock among PostgreSQL advisory locks.
    private static let migrationLockKey = "7161830411"
}
