import Foundation
import LightboxStore
import Logging

/// A fresh, migrated database for one test, removed afterwards.
///
/// SQLite: a file in a new temporary directory. PostgreSQL: a new schema in the database named by
/// `LIGHTBOX_TEST_POSTGRES_URL` (scripts/test and .ci/run start a server and set it). Without that
/// variable the PostgreSQL cases FAIL (in CI, where `CI` is set, and locally alike): a green run
/// must mean both engines passed.
public struct TestDatabase: Sendable {
    public let engine: TestEngine
    public let database: LightboxDatabase
    /// The data folder (SQLite) — tests may run the `lightbox` binary or `sqlite3` on it.
    public let dataDirectory: String?
    /// The SQLite file, for `sqlite3`.
    public let sqlitePath: String?
    /// PostgreSQL URL and the schema holding this test's tables, for `psql`.
    public var postgresURL: String? = nil
    public var postgresSchema: String? = nil

    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The PostgreSQL URL for tests, or an error saying how to provide one.
    public static func postgresURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["LIGHTBOX_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        let hint =
            "scripts/test starts PostgreSQL and exports LIGHTBOX_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:port/db."
        if environment["CI"] != nil {
            throw SetupError(
                description:
                    "CI is set but LIGHTBOX_TEST_POSTGRES_URL is not: the PostgreSQL half of the web suite cannot run. "
                    + hint)
        }
        throw SetupError(
            description: "LIGHTBOX_TEST_POSTGRES_URL is not set: the web suite runs on PostgreSQL as well as SQLite. "
                + hint)
    }

    /// Runs `body` with a fresh migrated database and removes it afterwards, whether `body` throws or not.
    public static func with<T: Sendable>(_ engine: TestEngine, _ body: (TestDatabase) async throws -> T) async throws
        -> T
    {
        var logger = Logger(label: "lightbox.web.tests")
        logger.logLevel = .warning
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "lightbox-web-\(UUID().uuidString)", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let configuration = DatabaseConfiguration.sqlite(inDataDirectory: directory.path)
            let database = try await LightboxDatabase.open(configuration, logger: logger)
            let path: String? = if case .sqlite(let path) = configuration.location { path } else { nil }
            return try await TestDatabase(
                engine: engine, database: database, dataDirectory: directory.path, sqlitePath: path
            ).run(body)
        case .postgres:
            let url = try postgresURL()
            let schema = "lightbox_web_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let psql = try ExternalProgram(path: "/usr/bin/psql")
            func sql(_ statement: String) throws {
                let result = try psql.run([url, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], timeout: 30)
                guard result.status == 0 else {
                    throw SetupError(description: "psql '\(statement)' failed: \(result.standardError)")
                }
            }
            do {
                try sql("CREATE SCHEMA \(schema)")
                let database = try await LightboxDatabase.open(
                    .init(location: .postgres(url: url), postgresSchema: schema), logger: logger)
                let result = try await TestDatabase(
                    engine: engine, database: database, dataDirectory: nil, sqlitePath: nil, postgresURL: url,
                    postgresSchema: schema
                ).run(body)
                try sql("DROP SCHEMA \(schema) CASCADE")
                return result
            } catch {
                try? sql("DROP SCHEMA IF EXISTS \(schema) CASCADE")
                throw error
            }
        }
    }

    private func run<T: Sendable>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        do {
            try await database.migrate()
            let result = try await body(self)
            await database.shutdown()
            return result
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
