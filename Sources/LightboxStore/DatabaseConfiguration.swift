import Foundation

/// Where Lightbox keeps its records and how it talks to the engine.
public struct DatabaseConfiguration: Sendable, Equatable {
    /// The engine and its address.
    public enum Location: Sendable, Equatable {
        /// An SQLite file (created if absent). Lightbox keeps exactly one connection to it.
        case sqlite(path: String)
        /// A PostgreSQL server, `postgres://user:password@host:port/database[?tlsmode=disable|prefer|require]`.
        /// Without a `tlsmode` (or `sslmode`) parameter, TLS is off for a loopback host and required otherwise.
        case postgres(url: String)
    }

    /// The file name of the SQLite database inside the data directory.
    public static let sqliteFileName = "lightbox.sqlite"

    /// Which engine, and where.
    public var location: Location
    /// How long an SQLite writer waits for another process (a second `lightbox` command, `sqlite3`) to
    /// release the file before giving up with an error instead of waiting forever.
    public var sqliteBusyTimeoutMilliseconds: Int
    /// Connections per event loop for PostgreSQL (two event loops).
    public var postgresConnectionsPerEventLoop: Int
    /// How long a request waits for a free connection before it is refused.
    public var connectionWaitSeconds: Int64
    /// The PostgreSQL schema holding Lightbox's tables (the server's `search_path` when nil), so several
    /// departments or test runs can share one database. Letters, digits and underscores only.
    public var postgresSchema: String?
    /// The most SQLite transactions that share one commit (one WAL fsync). Transactions that arrive while a
    /// commit is in flight are committed together by the next one; the bound caps how long the first of them
    /// waits behind the bodies of the others. 1 commits every transaction on its own.
    public var sqliteMaximumGroupSize: Int

    /// A configuration with the shipped defaults for everything but the location.
    public init(
        location: Location, sqliteBusyTimeoutMilliseconds: Int = 5_000, postgresConnectionsPerEventLoop: Int = 4,
        connectionWaitSeconds: Int64 = 30, postgresSchema: String? = nil, sqliteMaximumGroupSize: Int = 64
    ) {
        self.location = location
        self.sqliteBusyTimeoutMilliseconds = sqliteBusyTimeoutMilliseconds
        self.postgresConnectionsPerEventLoop = postgresConnectionsPerEventLoop
        self.connectionWaitSeconds = connectionWaitSeconds
        self.postgresSchema = postgresSchema
        self.sqliteMaximumGroupSize = sqliteMaximumGroupSize
    }

    /// The default: `lightbox.sqlite` inside `dataDirectory` (created if absent when the database opens).
    public static func sqlite(inDataDirectory dataDirectory: String) -> Self {
        let path = URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent(sqliteFileName).path
        return .init(location: .sqlite(path: path))
    }

    /// Reads a `--database` value: a `postgres://` (or `postgresql://`) URL selects PostgreSQL; absent, the
    /// SQLite file in the data directory.
    public static func from(databaseURL: String?, dataDirectory: String) throws -> Self {
        guard let databaseURL, !databaseURL.isEmpty else { return .sqlite(inDataDirectory: dataDirectory) }
        let lowered = databaseURL.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            return .init(location: .postgres(url: databaseURL))
        }
        if lowered.hasPrefix("sqlite://") {
            return .init(location: .sqlite(path: String(databaseURL.dropFirst("sqlite://".count))))
        }
        throw LightboxStoreError.invalidDatabaseURL(databaseURL, "only postgres:// and sqlite:// URLs are understood")
    }

    /// The PostgreSQL URL with an explicit TLS mode: loopback hosts default to `tlsmode=disable`, other hosts to
    /// `tlsmode=require`, unless the URL says otherwise.
    static func postgresURLWithTLSMode(_ url: String) throws -> String {
        guard var components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw LightboxStoreError.invalidDatabaseURL(url, "it has no host")
        }
        guard components.path.count > 1 else {
            throw LightboxStoreError.invalidDatabaseURL(url, "it names no database (…/database)")
        }
        let tlsNames: Set<String> = ["tlsmode", "sslmode", "ssl", "tls"]
        let items = components.queryItems ?? []
        if items.contains(where: { tlsNames.contains($0.name.lowercased()) }) { return url }
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
        components.queryItems = items + [URLQueryItem(name: "tlsmode", value: loopback ? "disable" : "require")]
        guard let result = components.string else {
            throw LightboxStoreError.invalidDatabaseURL(url, "it cannot be re-encoded")
        }
        return result
    }
}
