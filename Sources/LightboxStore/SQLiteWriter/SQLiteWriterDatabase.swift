import FluentKit
import FluentSQL
import NIOCore
import SQLKit
import SQLiteKit

/// The write connection as SQLKit and FluentKit see it: the `(any Database, any SQLDatabase)` pair a transaction's
/// repositories work with, on SQLite.
///
/// Statements are serialized with sqlite-kit's dialect and their values encoded and decoded with sqlite-kit's coders,
/// exactly as on sqlite-nio's connection, and then run at once on the calling thread: `execute` returns a future
/// already completed (FluentKit's interface) or returns without suspending (SQLKit's). It is only ever handed to the
/// body of a transaction, which ``SQLiteGroupCommit`` runs on the writer's thread, and every such body is already
/// inside `BEGIN IMMEDIATE`, so `transaction` and `withConnection` simply run their closure here.
struct SQLiteWriterDatabase: Database, SQLDatabase {
    let connection: SQLiteWriterConnection
    let context: DatabaseContext
    let encoder = SQLiteDataEncoder()
    let decoder = SQLiteDataDecoder()

    var inTransaction: Bool { true }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .debug }

    // MARK: SQLDatabase (SQLKit)

    func execute(sql query: any SQLExpression, _ row: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        eventLoop.makeCompletedFuture { try run(query, row) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private func run(_ query: any SQLExpression, _ onRow: (SQLiteWriterRow) -> Void) throws {
        let (text, values) = serialize(query)
        if let queryLogLevel, logger.logLevel <= queryLogLevel {
            logger.log(level: queryLogLevel, "Executing query", metadata: ["sql": .string(text)])
        }
        let binds = try values.map { try encoder.encode($0) }
        let result = try connection.execute(text, binds)
        for row in result.rows {
            onRow(SQLiteWriterRow(columns: result.columns, values: row, decoder: decoder))
        }
    }

    // MARK: Database (FluentKit)

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    {
        var converted = SQLQueryConverter(delegate: SQLiteWriterConverterDelegate()).convert(query)
        // As fluent-sqlite-driver does: a create returns the new row's identifier (FluentKit reads it back), unless
        // the model signals a composite key with the empty custom key.
        if case .create = query.action, query.customIDKey != .some(.string("")) {
            converted = SQLKit.SQLList(
                [converted, SQLReturning(SQLColumn((query.customIDKey ?? .id).description))],
                separator: SQLKit.SQLRaw(" "))
        }
        return eventLoop.makeCompletedFuture {
            try run(converted) { onOutput(SQLiteWriterOutput(row: $0, schema: nil)) }
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        // Schema changes are the migrations' (on sqlite-nio's connection, before any transaction runs).
        eventLoop.makeFailedFuture(
            LightboxStoreError.unsupportedSetting("Schema changes are not made inside a unit of work."))
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        eventLoop.makeSucceededFuture(())
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }
}

/// SQLite's names for FluentKit's data types, as fluent-sqlite-driver maps them.
private struct SQLiteWriterConverterDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .string: SQLRaw("TEXT")
        case .datetime: SQLRaw("REAL")
        case .int64: SQLRaw("INTEGER")
        case .enum: SQLRaw("TEXT")
        default: nil
        }
    }
}
