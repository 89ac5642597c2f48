import Foundation

/// How sign-in is throttled (OWASP Authentication Cheat Sheet, "Login Throttling"): after
/// `accountFailures` wrong passwords for one account, or `addressFailures` failed sign-ins from one
/// network address, within `window`, further sign-ins for that account or from that address are
/// refused without checking the password until `lockDuration` has passed.
public struct SignInThrottlePolicy: Sendable, Equatable {
    public var accountFailures: Int
    public var addressFailures: Int
    public var window: TimeInterval
    public var lockDuration: TimeInterval
    /// The most accounts and addresses remembered at once; the stalest are forgotten beyond it.
    public var maximumTracked: Int

    public init(
        accountFailures: Int = 5, addressFailures: Int = 20, window: TimeInterval = 15 * 60,
        lockDuration: TimeInterval = 15 * 60, maximumTracked: Int = 10_000
    ) {
        self.accountFailures = max(1, accountFailures)
        self.addressFailures = max(1, addressFailures)
        self.window = window
        self.lockDuration = lockDuration
        self.maximumTracked = max(16, maximumTracked)
    }
}
