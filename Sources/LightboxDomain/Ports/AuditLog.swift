import Foundation

/// Append-only audit log. The store writes each entry in the same transaction as the change it
/// describes and chains it by SHA-256 to the previous entry.
public protocol AuditLog: Sendable {
    func append(_ entry: AuditEntryDraft) async throws
}
