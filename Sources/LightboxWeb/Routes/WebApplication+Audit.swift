import Foundation
import Hummingbird
import LightboxDomain

extension AuditEntry: APISchema {
    public static let schemaName = "AuditEntry"
    public static var example: AuditEntry {
        AuditEntry(
            sequence: 42,
            draft: AuditEntryDraft(
                actorUsername: "g.okafor", actorRole: "radiographer", action: "exam.justified",
                patientID: Examples.id(1),
                examID: Examples.id(2), at: Examples.now, door: .web, address: "10.0.0.12:53122",
                detail: "Justified under iRefer 8"),
            hash: String(repeating: "ab", count: 32))
    }
}

extension WebApplication {
    static var auditRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/audit", id: "listAuditEntries",
                summary: "The audit log (who did what to which patient and exam, when, from where), oldest first",
                tag: "Audit", access: .permission(.viewAudit),
                query: [
                    QueryParameter("patientID", "Only entries about this patient", format: "uuid"),
                    QueryParameter("examID", "Only entries about this exam", format: "uuid"),
                    QueryParameter("after", "Only entries after this sequence number (paging)"),
                    QueryParameter("limit", "At most this many entries (1-1000, default 200)"),
                ], body: NoBody.self, response: [AuditEntry].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                func uuid(_ name: String) -> UUID? {
                    guard let raw = call.query(name) else { return nil }
                    guard let id = UUID(uuidString: raw) else {
                        errors.append(.init(field: name, problem: "must be a UUID"))
                        return nil
                    }
                    return id
                }
                let patientID = uuid("patientID")
                let examID = uuid("examID")
                var after: Int64?
                if let raw = call.query("after") {
                    after = Int64(raw)
                    if after == nil { errors.append(.init(field: "after", problem: "must be a whole number")) }
                }
                let limit = call.queryLimit(fallback: 200, maximum: ViewAuditLog.maximumLimit, errors: &errors)
                if !errors.isEmpty { throw Problem.invalid("The audit filters are wrong.", errors: errors) }
                return try await call.environment.department.viewAuditLog(
                    ViewAuditLog.Command(patientID: patientID, examID: examID, afterSequence: after, limit: limit),
                    by: try call.actor
                ).value
            }
        ]
    }
}
