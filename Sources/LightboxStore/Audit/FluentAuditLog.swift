import Foundation
import LightboxDomain
import Synchronization

/// The `AuditLog` of one unit of work. Entries are held until the unit of work's changes are done and then chained
/// in the same transaction, just before it commits: the chain head is locked last and only briefly, so its lock never
/// waits behind (or deadlocks with) a row lock the transaction takes later, and sequence order is commit order.
final class FluentAuditLog: AuditLog {
    private let pending = Mutex<[AuditChainWriter.Pending]>([])

    func append(_ entry: AuditEntryDraft) async throws {
        let item = AuditChainWriter.Pending(
            id: UUID(), at: entry.at, actorUsername: entry.actorUsername, actorRole: entry.actorRole,
            action: entry.action, patientID: entry.patientID, examID: entry.examID, door: entry.door.rawValue,
            address: entry.address, detail: entry.detail)
        pending.withLock { $0.append(item) }
    }

    /// Everything appended so far, in order; the log is empty afterwards.
    func drain() -> [AuditChainWriter.Pending] {
        pending.withLock { entries in
            defer { entries.removeAll() }
            return entries
        }
    }
}
