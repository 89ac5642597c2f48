import Foundation

/// How a scheduled job runs: once per period of `intervalSeconds` across every node, a claim held for
/// `leaseSeconds`, a failed period tried up to `maximumAttempts` times.
public struct JobSchedule: Sendable, Codable, Equatable {
    public var name: String
    public var intervalSeconds: Int
    public var leaseSeconds: Int
    public var maximumAttempts: Int

    public init(name: String, intervalSeconds: Int, leaseSeconds: Int, maximumAttempts: Int) {
        self.name = name
        self.intervalSeconds = intervalSeconds
        self.leaseSeconds = leaseSeconds
        self.maximumAttempts = maximumAttempts
    }
}
