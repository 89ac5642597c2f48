import Foundation

/// Append-only audit log. The store writes each entry in the same transaction as the change it
/// describes and chains it by SHA-256 to the previous entry.
public protocol AuditLog: Sendable {
    func append(_ entry: AuditEntryDraft) async throws

    /// Stored entries in ascending sequence, filtered by patient and/or exam when given, after a
    /// sequence number when given (for paging), at most `limit`.
    func entries(patientID: UUID?, examID: UUID?, afterSequence: Int64?, limit: Int) async throws -> [AuditEntry]

    /// Stored entries matching `query`, newest first (descending sequence), at most `query.limit`.
    func search(_ query: AuditQuery) async throws -> [AuditEntry]
}
