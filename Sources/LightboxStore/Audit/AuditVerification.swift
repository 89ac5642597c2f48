/// The outcome of walking the audit chain.
public enum AuditVerification: Sendable, Equatable {
    /// Every entry hashes correctly, links to the one before it, and the chain ends at the recorded head.
    case intact(entries: Int64)
    /// The first entry where the chain does not hold.
    case broken(AuditChainBreak)

    /// True when no break was found.
    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }
}
