import Foundation
import Logging

@testable import LightboxStore

/// A fresh, migrated database for one test, removed afterwards.
///
/// SQLite: a file in a new temporary directory. PostgreSQL: a new schema in the database named by
/// `LIGHTBOX_TEST_POSTGRES_URL` (scripts/test and .ci/run start a server and set it). When that variable is absent
/// the PostgreSQL cases fail, in CI and locally alike, rather than skip: a green run must mean both engines passed.
/// Locally, start a throwaway server and export the URL, for example:
///
///     D=$(mktemp -d); chown postgres "$D"   # as root; PostgreSQL refuses to run as root
///     runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$D/data" -U lightbox --auth=trust
///     runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$D/data" -l "$D/log" \
///         -o "-p 55432 -k $D -c listen_addresses=127.0.0.1" -w start
///     createdb -h 127.0.0.1 -p 55432 -U lightbox lightbox_test
///     export LIGHTBOX_TEST_POSTGRES_URL=postgres://lightbox@127.0.0.1:55432/lightbox_test
struct TestDatabase: Sendable {
    let engine: TestEngine
    let database: LightboxDatabase
    /// The SQLite file, for tests that open it with the `sqlite3` program.
    let sqlitePath: String?
    /// Opens a second connection pool on the same data (a second Lightbox process or node).
    let openAnother: @Sendable () async throws -> LightboxDatabase

    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    static func postgresURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["LIGHTBOX_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        if environment["CI"] != nil {
            throw SetupError(
                description:
                    "CI is set but LIGHTBOX_TEST_POSTGRES_URL is not: the PostgreSQL half of the store suite cannot run. scripts/test must start PostgreSQL and export LIGHTBOX_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:port/db."
            )
        }
        throw SetupError(
            description:
                "LIGHTBOX_TEST_POSTGRES_URL is not set: the store suite runs on PostgreSQL as well as SQLite. Run scripts/test, or start a PostgreSQL server and export LIGHTBOX_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:port/db (see Tests/LightboxStoreTests/TestDatabase.swift)."
        )
    }

    /// Runs `body` with a fresh migrated database and removes it afterwards, whether `body` throws or not.
    static func with<T: Sendable>(
        _ engine: TestEngine, migrate: Bool = true, sqliteMaximumGroupSize: Int? = nil,
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let logger = {
            var logger = Logger(label: "lightbox.store.tests")
            logger.logLevel = .warning
            return logger
        }()
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "lightbox-store-\(UUID().uuidString)", isDirectory: true)
            let configuration = {
                var configuration = DatabaseConfiguration.sqlite(inDataDirectory: directory.path)
                if let sqliteMaximumGroupSize { configuration.sqliteMaximumGroupSize = sqliteMaximumGroupSize }
                return configuration
            }()
            defer { try? FileManager.default.removeItem(at: directory) }
            let database = try await LightboxDatabase.open(configuration, logger: logger)
            let path: String? =
                if case .sqlite(let path) = configuration.location { path } else { nil }
            let test = TestDatabase(
                engine: engine, database: database, sqlitePath: path,
                openAnother: { try await LightboxDatabase.open(configuration, logger: logger) })
            return try await test.run(migrate: migrate, body)
        case .postgres:
            let url = try postgresURL()
            let schema = "lightbox_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            // One connection per event loop (two per pool): many tests run at once against one server, whose
            // max_connections is finite. The schema is created on open and dropped by the test's own connection.
            let configuration = DatabaseConfiguration(
                location: .postgres(url: url), postgresConnectionsPerEventLoop: 1, postgresSchema: schema)
            let database = try await LightboxDatabase.open(configuration, logger: logger)
            let test = TestDatabase(
                engine: engine, database: database, sqlitePath: nil,
                openAnother: { try await LightboxDatabase.open(configuration, logger: logger) })
            return try await test.run(migrate: migrate, dropSchema: schema, body)
        }
    }

    private func run<T: Sendable>(
        migrate: Bool, dropSchema schema: String? = nil, _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        func close() async {
            if let schema { try? await database.sql().raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run() }
            await database.shutdown()
        }
        do {
            if migrate { try await database.migrate() }
            let result = try await body(self)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }
}
