import Foundation

/// Checks the audit log's hash chain when asked and remembers the last outcome, for the audit page. A check walks
/// the whole log, so it runs on request (never on every page view) and only one runs at a time: a request while
/// one is under way waits for that one.
public actor AuditChainMonitor {
    /// The outcome of one walk of the chain.
    public struct Check: Sendable, Equatable {
        public var intact: Bool
        /// The number of entries checked, or the first break and why.
        public var summary: String
        public var checkedAt: Date
    }

    private let verify: @Sendable () async throws -> (intact: Bool, summary: String)
    private var running: Task<Check, any Error>?
    /// The last completed check; nil until the first.
    public private(set) var last: Check?

    /// A monitor that walks the chain with `verify` (the store's verifier).
    public init(verify: @escaping @Sendable () async throws -> (intact: Bool, summary: String)) {
        self.verify = verify
    }

    /// Walks the chain now (or joins the walk under way) and remembers the outcome.
    public func check(at now: Date) async throws -> Check {
        if let running { return try await running.value }
        let verify = self.verify
        let task = Task { () async throws -> Check in
            let outcome = try await verify()
            return Check(intact: outcome.intact, summary: outcome.summary, checkedAt: now)
        }
        running = task
        defer { running = nil }
        let check = try await task.value
        last = check
        return check
    }
}
