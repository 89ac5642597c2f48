import Foundation

/// The one error type of LightboxStore. `code` is stable and machine-readable; `message` is for an
/// operator reading a log or a terminal.
public struct LightboxStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code, e.g. `store.invalid-database-url`.
    public let code: String
    /// What went wrong, in words.
    public let message: String

    /// An error with a stable `code` and words for the operator.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`, for logs and the command line.
    public var description: String { "\(code): \(message)" }

    static func invalidDatabaseURL(_ url: String, _ why: String) -> Self {
        .init(code: "store.invalid-database-url", message: "The database URL '\(redacted(url))' is not usable: \(why).")
    }

    static func unsupportedSetting(_ what: String) -> Self {
        .init(code: "store.unsupported-setting", message: what)
    }

    static func dataDirectory(_ path: String, _ why: String) -> Self {
        .init(code: "store.data-directory", message: "The data directory '\(path)' cannot be used: \(why).")
    }

    static func corruptRow(table: String, _ why: String) -> Self {
        .init(code: "store.corrupt-row", message: "A row in '\(table)' cannot be read: \(why).")
    }

    static func auditChainHeadMissing() -> Self {
        .init(
            code: "store.audit-head-missing",
            message: "The audit chain head row is missing; the database was not migrated or was altered.")
    }

    static func shutDown() -> Self {
        .init(code: "store.shut-down", message: "The database has been shut down.")
    }

    /// Hides the password of a `postgres://user:password@host/db` URL so errors can be logged.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
