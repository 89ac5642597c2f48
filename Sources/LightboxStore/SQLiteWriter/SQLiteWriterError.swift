import FluentKit
import VaporCSQLite

/// An error SQLite returned to the write connection, with its extended result code and SQLite's own words.
struct SQLiteWriterError: Error, CustomStringConvertible, DatabaseError {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY_SNAPSHOT` …); its low byte is the primary.
    let code: Int32
    let message: String

    init(code: Int32, message: String, status: Int32? = nil) {
        // The extended code of the connection can be stale for an error not of its last call; prefer the status
        // the call returned when the two disagree on the primary code.
        if let status, status & 0xFF != code & 0xFF {
            self.code = status
        } else {
            self.code = code
        }
        self.message = message
    }

    var primaryCode: Int32 { code & 0xFF }

    /// The database file is locked by another connection (`SQLITE_BUSY`, `SQLITE_LOCKED`) beyond the busy timeout.
    var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    var description: String {
        "SQLite error \(code) (\(String(cString: sqlite_nio_sqlite3_errstr(code)))): \(message)"
    }

    // MARK: DatabaseError (FluentKit)

    var isSyntaxError: Bool { primaryCode == SQLITE_ERROR && message.contains("syntax error") }
    var isConstraintFailure: Bool { primaryCode == SQLITE_CONSTRAINT }
    var isConnectionClosed: Bool { primaryCode == SQLITE_MISUSE }
}
