import Foundation
import SQLKit
import Testing

@testable import LightboxStore

@Suite("Database")
struct LightboxDatabaseTests {
    @Test("migrations run, and running them again changes nothing", arguments: TestEngine.allCases)
    func migrations(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let applied = try await test.database.appliedMigrations()
            #expect(applied.count == LightboxMigrations.all.count)
            #expect(applied == LightboxMigrations.all.map(\.name))
            try await test.database.migrate()
            #expect(try await test.database.appliedMigrations() == applied)
        }
    }

    @Test("migration names are numbered and in order")
    func migrationNumbering() {
        let numbers = LightboxMigrations.all.map { migration -> Int in
            let name = String(describing: type(of: migration))
            return Int(name.dropFirst().prefix(4)) ?? -1
        }
        // Each area of work has its own range of numbers (archive M0010-M0019, …), so there are gaps;
        // the order is strictly increasing and every number is positive.
        #expect(numbers.allSatisfy { $0 > 0 })
        #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }, "\(numbers)")
    }

    @Test("SQLite runs in WAL mode with foreign keys, full sync and a bounded busy wait")
    func sqliteSettings() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            #expect(try await test.database.sqliteJournalMode() == "wal")
            let settings = try await test.database.withTransaction { _, sql in
                (
                    try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self),
                    try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self),
                    try await sql.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self)
                )
            }
            #expect(settings.0 == 1)
            #expect(settings.1 == 2, "synchronous=FULL is 2")
            #expect(settings.2 == 5_000)
            let path = try #require(test.sqlitePath)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test("a second process holding the write lock gets a bounded wait, then an error")
    func busyIsBounded() async throws {
        let sqlite3 = "/usr/bin/sqlite3"
        try #require(
            FileManager.default.isExecutableFile(atPath: sqlite3), "The sqlite3 program is needed at \(sqlite3)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-busy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = DatabaseConfiguration.sqlite(inDataDirectory: directory.path)
        configuration.sqliteBusyTimeoutMilliseconds = 300
        let database = try await LightboxDatabase.open(configuration)
        do {
            try await database.migrate()
            guard case .sqlite(let path) = configuration.location else {
                throw TestDatabase.SetupError(description: "not SQLite")
            }
            // sqlite3 takes the write lock and holds it for two seconds.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: sqlite3)
            let input = Pipe()
            holder.standardInput = input
            holder.arguments = [path]
            try holder.run()
            input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell sleep 2\nCOMMIT;\n".utf8))
            try input.fileHandleForWriting.close()
            try await Task.sleep(for: .milliseconds(500))
            let started = ContinuousClock.now
            do {
                try await database.withTransaction { _, sql in try await sql.raw("SELECT 1 AS one").run() }
                Issue.record("the transaction started although another process held the write lock")
            } catch let error as LightboxStoreError {
                #expect(error.code == "store.busy")
            }
            #expect(ContinuousClock.now - started < .seconds(1.5))
            holder.waitUntilExit()
            try await database.withTransaction { _, sql in try await sql.raw("SELECT 1 AS one").run() }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    @Test("a PostgreSQL schema that does not exist yet is created on open")
    func postgresSchemaCreated() async throws {
        let url = try TestDatabase.postgresURL()
        let schema = "lightbox_new_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let database = try await LightboxDatabase.open(
            .init(location: .postgres(url: url), postgresConnectionsPerEventLoop: 1, postgresSchema: schema))
        do {
            try await database.migrate()
            #expect(try await database.appliedMigrations().count == LightboxMigrations.all.count)
            let tables = try await database.sql().raw(
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = \(bind: schema)"
            ).first()?.decode(column: "n", as: Int.self)
            #expect((tables ?? 0) >= 12)
            try await database.sql().raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
        await #expect(throws: LightboxStoreError.self) {
            _ = try await LightboxDatabase.open(.init(location: .postgres(url: url), postgresSchema: "bad-name; DROP"))
        }
    }

    @Test("a file that is not an SQLite database is refused with a clear error, and left as it was")
    func notADatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = DatabaseConfiguration.sqlite(inDataDirectory: directory.path)
        guard case .sqlite(let path) = configuration.location else { return }
        let garbage = Data(repeating: 0x42, count: 8_192)
        try garbage.write(to: URL(fileURLWithPath: path))
        do {
            let database = try await LightboxDatabase.open(configuration)
            await database.shutdown()
            Issue.record("a file of garbage was opened as a database")
        } catch let error as LightboxStoreError {
            #expect(error.code == "store.open-failed")
            #expect(error.message.contains(path))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test("database URLs select the engine; loopback PostgreSQL has TLS off unless the URL says otherwise")
    func configuration() throws {
        #expect(
            try DatabaseConfiguration.from(databaseURL: nil, dataDirectory: "/d").location
                == .sqlite(path: "/d/lightbox.sqlite"))
        #expect(
            try DatabaseConfiguration.from(databaseURL: "postgres://u:p@db:5432/x", dataDirectory: "/d").location
                == .postgres(url: "postgres://u:p@db:5432/x"))
        #expect(throws: LightboxStoreError.self) {
            try DatabaseConfiguration.from(databaseURL: "mysql://x", dataDirectory: "/d")
        }
        #expect(
            try DatabaseConfiguration.postgresURLWithTLSMode("postgres://u@127.0.0.1:5432/x")
                == "postgres://u@127.0.0.1:5432/x?tlsmode=disable")
        #expect(
            try DatabaseConfiguration.postgresURLWithTLSMode("postgres://u@db.example:5432/x")
                == "postgres://u@db.example:5432/x?tlsmode=require")
        #expect(
            try DatabaseConfiguration.postgresURLWithTLSMode("postgres://u@127.0.0.1/x?sslmode=require")
                == "postgres://u@127.0.0.1/x?sslmode=require")
        #expect(throws: LightboxStoreError.self) {
            try DatabaseConfiguration.postgresURLWithTLSMode("postgres://u@127.0.0.1:5432")
        }
        #expect(LightboxStoreError.redacted("postgres://u:secret@h/x") == "postgres://u:***@h/x")
    }
}
