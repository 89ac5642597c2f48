import Foundation

/// A sign-in account. Web hashes passwords; the store persists accounts as given.
public struct Account: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var username: String
    public var staffID: UUID?
    public var role: AccessRole
    public var passwordHash: String?
    public var disabled: Bool
    public var createdAt: Date
    /// The referrer this account requests as (every `referrer` account has one; others may).
    public var referrerID: UUID?

    public init(
        id: UUID, username: String, staffID: UUID?, role: AccessRole, passwordHash: String?, disabled: Bool = false,
        createdAt: Date, referrerID: UUID? = nil
    ) {
        self.referrerID = referrerID
        self.id = id
        self.username = username
        self.staffID = staffID
        self.role = role
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
    }
}
