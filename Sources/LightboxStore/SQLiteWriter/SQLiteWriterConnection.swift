import NIOCore
import SQLiteNIO
import Synchronization
// The SQLite library sqlite-nio links, reached directly: a second copy of SQLite in one process would keep its own
// table of POSIX locks and could corrupt a file both copies open, so the writer must use this very library.
import VaporCSQLite

/// Lightbox's one SQLite write connection, driven through SQLite's C API on the calling thread.
///
/// sqlite-nio runs every statement on a thread pool and hands each row and each result back through an event loop:
/// three or four thread hand-offs per statement, and a fresh `sqlite3_prepare` every time. A write transaction of an
/// HL7 message makes a dozen statements, so the hand-offs, not SQLite, were most of its cost. Here a statement runs
/// where it is called (``SQLiteWriter`` calls it from its own thread), and each distinct SQL text is prepared once
/// and kept (`SQLITE_PREPARE_PERSISTENT`), reset and re-bound on every use.
///
/// Transactions are the caller's business (``SQLiteGroupCommit`` issues `BEGIN IMMEDIATE` … `COMMIT`); reads that
/// need no transaction go to sqlite-nio's connection, which in WAL mode never waits for this one.
final class SQLiteWriterConnection: Sendable {
    /// The columns of a result and its rows, each row a value per column.
    struct Result {
        var columns: SQLiteWriterColumns
        var rows: [[SQLiteData]]
    }

    /// Raw SQLite pointers, touched only while holding `state`'s lock.
    private struct State: ~Copyable, @unchecked Sendable {
        var handle: OpaquePointer?
        /// Prepared statements by SQL text, oldest first in `order` for eviction.
        var statements: [String: OpaquePointer] = [:]
        var order: [String] = []
        var columns: [String: SQLiteWriterColumns] = [:]
    }

    /// The most prepared statements kept; the oldest is finalized when one more is needed. Lightbox's write paths
    /// use a few dozen distinct statements; texts that vary (an IN list of some length) come and go.
    static let statementCacheSize = 128

    let path: String
    private let state: Mutex<State>

    private init(path: String, handle: OpaquePointer) {
        self.path = path
        self.state = Mutex(State(handle: handle))
    }

    /// Opens the file (creating it), puts it in WAL mode and applies the settings every Lightbox connection has:
    /// `synchronous=FULL` (a commit is on disk when COMMIT returns), foreign keys on, and a busy timeout instead of
    /// waiting forever for another process's lock; temporary data (savepoint journals) in memory.
    static func open(path: String, busyTimeoutMilliseconds: Int) throws -> SQLiteWriterConnection {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close_v2(handle)
            throw SQLiteWriterError(code: status, message: message)
        }
        let connection = SQLiteWriterConnection(path: path, handle: handle)
        do {
            let mode = try connection.execute("PRAGMA journal_mode = WAL", []).rows.first?.first
            guard case .text(let text) = mode, text.lowercased() == "wal" else {
                throw SQLiteWriterError(
                    code: SQLITE_ERROR,
                    message: "SQLite refused write-ahead logging (journal mode is \(mode.map { "\($0)" } ?? "unknown"))"
                )
            }
            _ = try connection.execute("PRAGMA synchronous = FULL", [])
            _ = try connection.execute("PRAGMA foreign_keys = ON", [])
            _ = try connection.execute("PRAGMA busy_timeout = \(max(0, busyTimeoutMilliseconds))", [])
            // Savepoints (one per transaction of a group) journal the pages they change so that one transaction
            // can be undone alone; that journal is a scratch file by default, written at every page change. It
            // is never needed after a crash (the WAL is), so it is kept in memory.
            _ = try connection.execute("PRAGMA temp_store = MEMORY", [])
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// Runs one statement with its parameters bound in order (`?1`, `?2` …) and returns every row it produced.
    /// A failing statement is reset and stays prepared; SQLite's own transaction semantics decide what it undid.
    func execute(_ sql: String, _ binds: [SQLiteData]) throws -> Result {
        try state.withLock { state in
            guard let handle = state.handle else {
                throw SQLiteWriterError(code: SQLITE_MISUSE, message: "the connection is closed")
            }
            let (statement, columns) = try Self.prepared(sql, in: &state, handle: handle)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            for (index, value) in binds.enumerated() {
                let status = Self.bind(value, at: Int32(index + 1), to: statement)
                guard status == SQLITE_OK else { throw Self.error(status, handle) }
            }
            var rows: [[SQLiteData]] = []
            while true {
                let status = sqlite_nio_sqlite3_step(statement)
                if status == SQLITE_DONE { break }
                guard status == SQLITE_ROW else { throw Self.error(status, handle) }
                rows.append((0..<Int32(columns.names.count)).map { Self.value(statement, $0) })
            }
            return Result(columns: columns, rows: rows)
        }
    }

    /// Finalizes every statement and closes the file. Later calls to ``execute(_:_:)`` fail.
    func close() {
        state.withLock { state in
            for statement in state.statements.values { sqlite_nio_sqlite3_finalize(statement) }
            state.statements = [:]
            state.order = []
            state.columns = [:]
            if let handle = state.handle { sqlite_nio_sqlite3_close_v2(handle) }
            state.handle = nil
        }
    }

    deinit {
        close()
    }

    // MARK: Statements

    private static func prepared(
        _ sql: String, in state: inout State, handle: OpaquePointer
    ) throws -> (OpaquePointer, SQLiteWriterColumns) {
        if let statement = state.statements[sql], let columns = state.columns[sql] {
            return (statement, columns)
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK else { throw error(status, handle) }
        guard let statement else {
            // An empty text (only blanks or a comment) prepares to nothing.
            throw SQLiteWriterError(code: SQLITE_MISUSE, message: "the statement is empty")
        }
        let count = sqlite_nio_sqlite3_column_count(statement)
        let columns = SQLiteWriterColumns(
            names: (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) })
        if state.order.count >= statementCacheSize {
            let oldest = state.order.removeFirst()
            if let old = state.statements.removeValue(forKey: oldest) { sqlite_nio_sqlite3_finalize(old) }
            state.columns[oldest] = nil
        }
        state.statements[sql] = statement
        state.columns[sql] = columns
        state.order.append(sql)
        return (statement, columns)
    }

    private static func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer):
            return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double):
            return sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(let text):
            return sqlite_nio_sqlite3_bind_text64(
                statement, index, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .blob(let buffer):
            return buffer.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), transient)
            }
        case .null:
            return sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private static func value(_ statement: OpaquePointer, _ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBuffer()
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column), count > 0 {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default:
            return .null
        }
    }

    private static func error(_ status: Int32, _ handle: OpaquePointer) -> SQLiteWriterError {
        SQLiteWriterError(
            code: sqlite_nio_sqlite3_extended_errcode(handle),
            message: String(cString: sqlite_nio_sqlite3_errmsg(handle)),
            status: status)
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bound text or blob before the bind call returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}

/// The column names of one prepared statement, shared by every row it returns.
final class SQLiteWriterColumns: Sendable {
    let names: [String]
    let indexes: [String: Int]

    init(names: [String]) {
        self.names = names
        self.indexes = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
