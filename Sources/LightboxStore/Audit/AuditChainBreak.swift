import Foundation

/// The first place where the audit chain does not hold.
public struct AuditChainBreak: Sendable, Equatable, CustomStringConvertible {
    /// Why the chain is broken at this entry.
    public enum Reason: Sendable, Equatable {
        /// The entry's stored content no longer hashes to its stored hash: it was changed after it was written.
        case contentHashMismatch
        /// The entry's `previous_hash` is not the hash of the entry before it: the previous entry was changed and
        /// re-hashed, or entries were removed or re-ordered.
        case previousHashMismatch
        /// The sequence jumps (entries were deleted) or does not start at 1.
        case sequenceGap(expected: Int64)
        /// The chain ends before the recorded head: the newest entries were deleted, or the head was changed.
        case headMismatch(headSequence: Int64)
        /// A column could not be read at all.
        case unreadable(String)
    }

    /// The sequence number of the broken entry (for `headMismatch`, the last entry present, 0 when none).
    public let sequence: Int64
    /// The id of the broken entry, when there is such a row.
    public let entryID: String?
    /// What is wrong with it.
    public let reason: Reason

    /// A break at `sequence` (the row with `entryID`, when there is one).
    public init(sequence: Int64, entryID: String?, reason: Reason) {
        self.sequence = sequence
        self.entryID = entryID
        self.reason = reason
    }

    /// One line naming the entry (sequence and id) and why the chain breaks there.
    public var description: String {
        let entry = "audit entry \(sequence)" + (entryID.map { " (id \($0))" } ?? "")
        switch reason {
        case .contentHashMismatch:
            return "\(entry): content hash mismatch; the entry was changed after it was written"
        case .previousHashMismatch:
            return "\(entry): previous-hash link broken; the entry before it was changed or entries were removed"
        case .sequenceGap(let expected):
            return "\(entry): sequence gap; expected entry \(expected) next, so entries were deleted"
        case .headMismatch(let headSequence):
            return
                "the audit chain ends at entry \(sequence) but its head records entry \(headSequence) with another hash; the newest entries were deleted or the head was changed"
        case .unreadable(let why):
            return "\(entry): unreadable (\(why))"
        }
    }
}
