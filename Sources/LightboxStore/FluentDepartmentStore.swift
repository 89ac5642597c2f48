import FluentKit
import LightboxDomain

/// The `DepartmentStore` port on FluentKit (SQLite or PostgreSQL).
///
/// Each `transaction` runs on one connection: every repository call and every audit entry of the body commit
/// together, or (when the body throws) none of them does, not even the audit entries.
public struct FluentDepartmentStore: DepartmentStore {
    private let database: LightboxDatabase

    /// A store on an opened (and migrated) database; cheap to create, shares the database's connections.
    public init(database: LightboxDatabase) {
        self.database = database
    }

    /// Runs `body` in one database transaction and commits it, with the audit entries it appended; rethrows the
    /// body's error unchanged after rolling everything back.
    public func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any UnitOfWork) async throws -> T
    ) async throws -> T {
        let engine = database.engine
        let writer = AuditChainWriter(engine: engine)
        return try await database.withTransaction { connection, sql in
            let audit = FluentAuditLog(sql: sql)
            let unit = FluentUnitOfWork(context: RepositoryContext(database: connection, engine: engine), audit: audit)
            let result = try await body(unit)
            try await writer.append(audit.drain(), on: sql)
            return result
        }
    }
}
