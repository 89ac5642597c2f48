import FluentKit
import Foundation
import NIOCore
import SQLKit
import SQLiteNIO
import Testing

@testable import LightboxStore

/// The SQLite write connection below SQLKit and FluentKit: values round-trip through SQLite's C API exactly as they
/// do through sqlite-nio, prepared statements are reused and bounded, and SQLite's errors arrive with their codes.
@Suite("SQLite write connection")
struct SQLiteWriterTests {
    /// A connection on a new file in a new temporary directory, removed again by `cleanUp`.
    struct Fixture {
        let connection: SQLiteWriterConnection
        let path: String
        let directory: URL

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-writer-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("test.sqlite").path
            connection = try SQLiteWriterConnection.open(path: path, busyTimeoutMilliseconds: 100)
        }

        func cleanUp() {
            connection.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test("it opens in WAL mode with full sync, foreign keys and the busy timeout")
    func settings() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let connection = fixture.connection
        func pragma(_ name: String) throws -> SQLiteData? {
            try connection.execute("PRAGMA \(name)", []).rows.first?.first
        }
        #expect(try pragma("journal_mode") == .text("wal"))
        #expect(try pragma("synchronous") == .integer(2))  // FULL
        #expect(try pragma("foreign_keys") == .integer(1))
        #expect(try pragma("busy_timeout") == .integer(100))
        #expect(try pragma("temp_store") == .integer(2))  // MEMORY
    }

    @Test("every kind of value is bound and read back unchanged, NULL included")
    func valuesRoundTrip() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let connection = fixture.connection
        _ = try connection.execute("CREATE TABLE t (i INTEGER, f REAL, s TEXT, b BLOB, n TEXT)", [])
        let blob = ByteBuffer(bytes: [0, 1, 2, 0xFF, 0])
        let text = "Ünïcödé \u{0} and a NUL, ñ, 日本"
        _ = try connection.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)",
            [.integer(Int(Int64.min)), .float(-0.125), .text(text), .blob(blob), .null])
        let result = try connection.execute("SELECT i, f, s, b, n FROM t", [])
        #expect(result.columns.names == ["i", "f", "s", "b", "n"])
        #expect(result.rows == [[.integer(Int(Int64.min)), .float(-0.125), .text(text), .blob(blob), .null]])
        // An empty blob is a blob of no bytes, not NULL.
        _ = try connection.execute("UPDATE t SET b = ?1", [.blob(ByteBuffer())])
        #expect(try connection.execute("SELECT b FROM t", []).rows == [[.blob(ByteBuffer())]])
    }

    @Test("a statement is prepared once and reused with new values; the cache is bounded")
    func statementCache() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let connection = fixture.connection
        _ = try connection.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)", [])
        for key in 0..<10 {
            _ = try connection.execute("INSERT INTO t (k, v) VALUES (?1, ?2)", [.integer(key), .text("v\(key)")])
        }
        #expect(try connection.execute("SELECT COUNT(*) AS n FROM t", []).rows == [[.integer(10)]])
        // A previous use's bindings never leak into the next: unbound parameters are NULL.
        _ = try connection.execute("INSERT INTO t (k, v) VALUES (?1, ?2)", [.integer(10)])
        #expect(try connection.execute("SELECT v FROM t WHERE k = 10", []).rows == [[.null]])
        // Many distinct texts: the oldest are finalized, and every text still runs (prepared again if needed).
        for key in 0..<(SQLiteWriterConnection.statementCacheSize + 20) {
            let rows = try connection.execute("SELECT \(key) AS k", []).rows
            #expect(rows == [[.integer(key)]])
        }
        #expect(
            try connection.execute("INSERT INTO t (k, v) VALUES (?1, ?2)", [.integer(11), .text("x")]).rows.isEmpty)
    }

    @Test("SQLite's errors arrive with their codes, and the connection stays usable")
    func errors() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let connection = fixture.connection
        _ = try connection.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)", [])
        _ = try connection.execute("INSERT INTO t VALUES (1, 'a')", [])
        do {
            _ = try connection.execute("INSERT INTO t VALUES (?1, 'b')", [.integer(1)])
            Issue.record("a duplicate key was accepted")
        } catch let error as SQLiteWriterError {
            #expect(error.isConstraintFailure)
            #expect(error.code == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
            #expect(error.message.contains("UNIQUE constraint failed: t.k"))
        }
        #expect(throws: SQLiteWriterError.self) { try connection.execute("SELEC 1", []) }
        #expect(throws: SQLiteWriterError.self) { try connection.execute("   ", []) }
        #expect(try connection.execute("SELECT v FROM t", []).rows == [[.text("a")]])
        connection.close()
        #expect(throws: SQLiteWriterError.self) { try connection.execute("SELECT 1", []) }
    }

    @Test("another connection holding the write lock makes a writer fail as busy after its timeout")
    func busy() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let connection = fixture.connection
        let path = fixture.path
        _ = try connection.execute("CREATE TABLE t (k INTEGER)", [])
        let other = try SQLiteWriterConnection.open(path: path, busyTimeoutMilliseconds: 50)
        defer { other.close() }
        _ = try other.execute("BEGIN IMMEDIATE", [])
        do {
            _ = try connection.execute("BEGIN IMMEDIATE", [])
            Issue.record("two connections held the write lock at once")
        } catch let error as SQLiteWriterError {
            #expect(error.isBusy)
        }
        _ = try other.execute("ROLLBACK", [])
        _ = try connection.execute("BEGIN IMMEDIATE", [])
        _ = try connection.execute("COMMIT", [])
    }

    @Test("a path that cannot be opened is refused with SQLite's reason")
    func unopenable() throws {
        #expect(throws: SQLiteWriterError.self) {
            try SQLiteWriterConnection.open(path: "/nonexistent-\(UUID())/x.sqlite", busyTimeoutMilliseconds: 0)
        }
    }
}
