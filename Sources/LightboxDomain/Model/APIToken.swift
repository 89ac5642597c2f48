import Foundation

/// A bearer token for integrations; only the hex SHA-256 of its secret is kept.
public struct APIToken: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var name: String
    public var tokenHash: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: UUID, accountID: UUID, name: String, tokenHash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
