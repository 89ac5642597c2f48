import Foundation

/// Counts failed sign-ins per account and per network address and locks either once its limit is
/// reached within the window (`SignInThrottlePolicy`). Held in memory, bounded by
/// `maximumTracked` entries per kind.
actor SignInThrottle {
    /// What a failure led to.
    struct Lock: Sendable, Equatable {
        enum Subject: Sendable, Equatable {
            case account(String)
            case address(String)
        }
        var subject: Subject
        var until: Date
    }

    private struct Record {
        var windowStart: Date
        var failures: Int
        var lockedUntil: Date?
        var lastSeen: Date
    }

    let policy: SignInThrottlePolicy
    private var accounts: [String: Record] = [:]
    private var addresses: [String: Record] = [:]

    init(policy: SignInThrottlePolicy) {
        self.policy = policy
    }

    /// The account's username in the form counted (usernames are lower-case; a typed capital is the same account).
    static func accountKey(_ username: String) -> String { String(username.lowercased().prefix(64)) }

    /// The address without its port, so each new connection from one machine counts together.
    static func addressKey(_ address: String?) -> String? {
        guard let address, !address.isEmpty else { return nil }
        if address.hasPrefix("[") { return String(address.dropFirst().prefix { $0 != "]" }) }
        let parts = address.split(separator: ":")
        // "a.b.c.d:port" → "a.b.c.d"; a bare IPv6 address has more than one colon and no port here.
        return parts.count == 2 ? String(parts[0]) : address
    }

    /// When sign-in for this username from this address may be tried again; nil when it may now.
    func lockedUntil(username: String, address: String?, now: Date) -> Date? {
        let account = accounts[Self.accountKey(username)]?.lockedUntil.flatMap { $0 > now ? $0 : nil }
        let place = Self.addressKey(address).flatMap { addresses[$0]?.lockedUntil }.flatMap { $0 > now ? $0 : nil }
        return [account, place].compactMap { $0 }.max()
    }

    /// Counts a failed sign-in; returns the locks it started.
    func recordFailure(username: String, address: String?, now: Date) -> [Lock] {
        var locks: [Lock] = []
        let accountKey = Self.accountKey(username)
        if let until = Self.count(&accounts, accountKey, limit: policy.accountFailures, policy: policy, now: now) {
            locks.append(Lock(subject: .account(accountKey), until: until))
        }
        if let addressKey = Self.addressKey(address),
            let until = Self.count(&addresses, addressKey, limit: policy.addressFailures, policy: policy, now: now)
        {
            locks.append(Lock(subject: .address(addressKey), until: until))
        }
        return locks
    }

    /// A right password ends the account's run of failures (the address keeps its count, so one
    /// good account cannot clear the way for guessing at others).
    func recordSuccess(username: String) {
        accounts[Self.accountKey(username)] = nil
    }

    private static func count(
        _ records: inout [String: Record], _ key: String, limit: Int, policy: SignInThrottlePolicy, now: Date
    ) -> Date? {
        if records[key] == nil && records.count >= policy.maximumTracked {
            forgetStalest(&records, window: policy.window, now: now)
        }
        var record = records[key] ?? Record(windowStart: now, failures: 0, lockedUntil: nil, lastSeen: now)
        if now.timeIntervalSince(record.windowStart) > policy.window {
            record.windowStart = now
            record.failures = 0
        }
        record.failures += 1
        record.lastSeen = now
        var started: Date?
        if record.failures >= limit {
            let until = now.addingTimeInterval(policy.lockDuration)
            record.lockedUntil = until
            record.failures = 0
            record.windowStart = now
            started = until
        }
        records[key] = record
        return started
    }

    /// Drops records whose window and lock have passed; if none has, the least recently seen half.
    private static func forgetStalest(_ records: inout [String: Record], window: TimeInterval, now: Date) {
        let before = records.count
        records = records.filter { _, record in
            (record.lockedUntil.map { $0 > now } ?? false) || now.timeIntervalSince(record.lastSeen) < window
        }
        if records.count == before {
            let keep = records.sorted { $0.value.lastSeen > $1.value.lastSeen }.prefix(before / 2)
            records = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }
}
