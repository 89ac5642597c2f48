import Foundation
import LightboxDomain
import LightboxStore
import LightboxWeb
import Logging

/// Administration from the command line (`lightbox migrate`, `user`, `verify-audit`): opens the
/// same database as the server, with changes audited as coming through the command-line door.
public struct LightboxAdministration: Sendable {
    public let database: LightboxDatabase
    let store: FluentDepartmentStore
    let auth: AuthService
    /// The actor recorded for command-line changes.
    public let actor: Actor

    /// Opens (and migrates, so a fresh data folder works at once) the configured database.
    public static func open(_ configuration: ServerConfiguration, logger: Logger) async throws -> LightboxAdministration
    {
        let database = try await LightboxDatabase.open(
            try DatabaseConfiguration.from(
                databaseURL: configuration.databaseURL, dataDirectory: configuration.dataDirectory),
            logger: logger)
        do {
            try await database.migrate()
        } catch {
            await database.shutdown()
            throw error
        }
        let store = FluentDepartmentStore(database: database)
        let auth = AuthService(
            store: store, clock: SystemClock(), ids: RandomIDGenerator(),
            configuration: AuthConfiguration(
                bcryptCost: configuration.bcryptCost,
                sessionLifetime: TimeInterval(configuration.department.sessionLifetimeSeconds)))
        let user = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        return LightboxAdministration(
            database: database, store: store, auth: auth,
            actor: Actor(staffID: nil, username: "cli:\(user)", role: .admin, door: .cli, address: nil))
    }

    /// Names of the migrations applied, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await database.appliedMigrations()
    }

    /// Creates an account and issues its first API token (the secret is returned once).
    public func addUser(
        username: String, role: AccessRole, password: String?, staffID: UUID?, referrerID: UUID? = nil
    ) async throws -> (account: Account, token: String) {
        let account = try await auth.createAccount(
            username: username, role: role, password: password, staffID: staffID, referrerID: referrerID, by: actor)
        let issued = try await auth.issueToken(username: username, name: "cli", by: actor)
        return (account, issued.secret)
    }

    public func listUsers() async throws -> [Account] {
        try await auth.accounts()
    }

    /// Issues a further API token for an existing account.
    public func issueToken(username: String, name: String) async throws -> String {
        try await auth.issueToken(username: username, name: name, by: actor).secret
    }

    /// The outcome of `verifyAudit()`, in words for the terminal.
    public struct AuditReport: Sendable, Equatable {
        public var isIntact: Bool
        /// "OK: …" with the entry count, or "BROKEN: …" naming the first broken entry.
        public var summary: String
    }

    /// Walks the audit chain.
    public func verifyAudit() async throws -> AuditReport {
        switch try await AuditVerifier(database: database).verify() {
        case .intact(let entries):
            return AuditReport(isIntact: true, summary: "OK: audit chain intact, \(entries) entries.")
        case .broken(let chainBreak):
            return AuditReport(isIntact: false, summary: "BROKEN: \(chainBreak)")
        }
    }

    public func close() async {
        await database.shutdown()
    }
}
