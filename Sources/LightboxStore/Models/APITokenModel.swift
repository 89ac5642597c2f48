import FluentKit
import Foundation

/// An API token: only the hex SHA-256 of its secret is stored.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Field(key: "document") var document: String

    init() {}
}
