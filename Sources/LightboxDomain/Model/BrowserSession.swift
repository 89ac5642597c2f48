import Foundation

/// A signed-in browser session; only a hash of the cookie value is kept.
public struct BrowserSession: Sendable, Codable, Equatable {
    public var idHash: String
    public var accountID: UUID
    public var createdAt: Date
    public var expiresAt: Date

    public init(idHash: String, accountID: UUID, createdAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.accountID = accountID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
