import Foundation
import LightboxDomain
import SQLKit
import Synchronization

/// The `AuditLog` of one unit of work. Entries are held until the unit of work's changes are done and then chained
/// in the same transaction, just before it commits: the chain head is locked last and only briefly, so its lock never
/// waits behind (or deadlocks with) a row lock the transaction takes later, and sequence order is commit order.
final class FluentAuditLog: AuditLog {
    private let sql: any SQLDatabase
    private let pending = Mutex<[AuditChainWriter.Pending]>([])

    init(sql: any SQLDatabase) {
        self.sql = sql
    }

    func append(_ entry: AuditEntryDraft) async throws {
        let item = AuditChainWriter.Pending(
            id: UUID(), at: entry.at, actorUsername: entry.actorUsername, actorRole: entry.actorRole,
            action: entry.action, patientID: entry.patientID, examID: entry.examID, door: entry.door.rawValue,
            address: entry.address, detail: entry.detail)
        pending.withLock { $0.append(item) }
    }

    /// Committed entries only: those appended in this unit of work get their sequence numbers at commit.
    /// `at` reads back with the millisecond precision the chain stores.
    func entries(patientID: UUID?, examID: UUID?, afterSequence: Int64?, limit: Int) async throws -> [AuditEntry] {
        var conditions: [any SQLExpression] = []
        if let patientID {
            conditions.append(SQLQueryString("patient_id = \(bind: patientID.uuidString.lowercased())"))
        }
        if let examID {
            conditions.append(SQLQueryString("exam_id = \(bind: examID.uuidString.lowercased())"))
        }
        if let afterSequence {
            conditions.append(SQLQueryString("sequence > \(bind: afterSequence)"))
        }
        let whereClause: any SQLExpression =
            conditions.isEmpty
            ? SQLRaw("")
            : SQLList([SQLRaw("WHERE"), SQLList(conditions, separator: SQLRaw(" AND "))], separator: SQLRaw(" "))
        let rows = try await sql.raw(
            """
            SELECT sequence, at, actor_username, actor_role, action, patient_id, exam_id, door, address, detail, hash \
            FROM audit_entries \(whereClause) ORDER BY sequence \
            LIMIT \(unsafeRaw: String(RepositoryContext.boundedLimit(limit)))
            """
        ).all()
        return try rows.map(Self.entry)
    }

    /// Newest first by sequence; text timestamps compare in time order on both engines (fixed-width UTC), so the date
    /// range uses the `at` index.
    func search(_ query: AuditQuery) async throws -> [AuditEntry] {
        var conditions: [any SQLExpression] = []
        if let username = query.actorUsername {
            conditions.append(SQLQueryString("actor_username = \(bind: username)"))
        }
        if let action = query.action {
            // "exam" finds "exam" and "exam.…"; substr, not LIKE, so no character of the filter is a wildcard.
            let prefix = action + "."
            let length = String(prefix.count)
            conditions.append(
                SQLQueryString(
                    "(action = \(bind: action) OR substr(action, 1, \(unsafeRaw: length)) = \(bind: prefix))"))
        }
        if let patientID = query.patientID {
            conditions.append(SQLQueryString("patient_id = \(bind: patientID.uuidString.lowercased())"))
        }
        if let from = query.from {
            conditions.append(SQLQueryString("at >= \(bind: AuditEntryContent.timestamp(from))"))
        }
        if let until = query.until {
            conditions.append(SQLQueryString("at < \(bind: AuditEntryContent.timestamp(until))"))
        }
        if let before = query.beforeSequence {
            conditions.append(SQLQueryString("sequence < \(bind: before)"))
        }
        let whereClause: any SQLExpression =
            conditions.isEmpty
            ? SQLRaw("")
            : SQLList([SQLRaw("WHERE"), SQLList(conditions, separator: SQLRaw(" AND "))], separator: SQLRaw(" "))
        let rows = try await sql.raw(
            """
            SELECT sequence, at, actor_username, actor_role, action, patient_id, exam_id, door, address, detail, hash \
            FROM audit_entries \(whereClause) ORDER BY sequence DESC \
            LIMIT \(unsafeRaw: String(RepositoryContext.boundedLimit(query.limit)))
            """
        ).all()
        return try rows.map(Self.entry)
    }

    /// Everything appended so far, in order; the log is empty afterwards.
    func drain() -> [AuditChainWriter.Pending] {
        pending.withLock { entries in
            defer { entries.removeAll() }
            return entries
        }
    }

    private static func entry(_ row: any SQLRow) throws -> AuditEntry {
        let table = "audit_entries"
        let atText = try row.decode(column: "at", as: String.self)
        guard let at = AuditEntryContent.date(fromTimestamp: atText) else {
            throw LightboxStoreError.corruptRow(table: table, "'\(atText)' is not a timestamp")
        }
        let doorText = try row.decode(column: "door", as: String.self)
        guard let door = Door(rawValue: doorText) else {
            throw LightboxStoreError.corruptRow(table: table, "'\(doorText)' is not a door")
        }
        func uuid(_ column: String) throws -> UUID? {
            guard let text = try row.decode(column: column, as: String?.self) else { return nil }
            guard let value = UUID(uuidString: text) else {
                throw LightboxStoreError.corruptRow(table: table, "\(column) '\(text)' is not a UUID")
            }
            return value
        }
        let draft = AuditEntryDraft(
            actorUsername: try row.decode(column: "actor_username", as: String.self),
            actorRole: try row.decode(column: "actor_role", as: String.self),
            action: try row.decode(column: "action", as: String.self), patientID: try uuid("patient_id"),
            examID: try uuid("exam_id"), at: at, door: door,
            address: try row.decode(column: "address", as: String?.self),
            detail: try row.decode(column: "detail", as: String.self))
        return AuditEntry(
            sequence: try row.decode(column: "sequence", as: Int64.self), draft: draft,
            hash: try row.decode(column: "hash", as: String.self))
    }
}
