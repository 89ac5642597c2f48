import FluentKit
import Foundation

/// A browser session, keyed by the hash of its cookie value.
final class BrowserSessionModel: Model, @unchecked Sendable {
    static let schema = "browser_sessions"

    @ID(custom: "id_hash", generatedBy: .user) var id: String?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "document") var document: String

    init() {}
}
