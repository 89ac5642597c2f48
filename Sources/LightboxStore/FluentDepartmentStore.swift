import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// The `DepartmentStore` port on FluentKit (SQLite or PostgreSQL).
///
/// Each `transaction` runs on one connection: every repository call and every audit entry of the body commit
/// together, or (when the body throws) none of them does, not even the audit entries.
///
/// The exams a transaction wrote are announced once it has committed: to `events` on this node and, on
/// PostgreSQL, with `NOTIFY` on the department's channel inside the transaction (PostgreSQL delivers it only
/// when the transaction commits), which ``LightboxDatabase/relayEvents(to:)`` hears on the other nodes.
public struct FluentDepartmentStore: DepartmentStore {
    private let database: LightboxDatabase
    private let events: (any DomainEventPublisher)?

    /// A store on an opened (and migrated) database; cheap to create, shares the database's connections.
    public init(database: LightboxDatabase, events: (any DomainEventPublisher)? = nil) {
        self.database = database
        self.events = events
    }

    /// Runs `body` in one database transaction and commits it, with the audit entries it appended; rethrows the
    /// body's error unchanged after rolling everything back.
    public func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any UnitOfWork) async throws -> T
    ) async throws -> T {
        let engine = database.engine
        let writer = AuditChainWriter(engine: engine)
        let node = database.nodeID
        let channel = database.eventChannel
        let (result, changed) = try await database.withTransaction { connection, sql in
            let audit = FluentAuditLog(sql: sql)
            let changes = ExamChangeRecorder()
            let unit = FluentUnitOfWork(
                context: RepositoryContext(database: connection, engine: engine, changes: changes), audit: audit)
            let result = try await body(unit)
            let entries = audit.drain()
            let changed = changes.events(audited: entries, at: Date())
            try await writer.append(entries, on: sql)
            if engine == .postgres {
                for payload in try DomainEventNotification.payloads(node: node, events: changed) {
                    try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: payload))").run()
                }
            }
            return (result, changed)
        }
        if let events, !changed.isEmpty { events.publish(changed) }
        return result
    }
}
