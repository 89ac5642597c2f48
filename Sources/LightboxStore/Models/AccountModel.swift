import FluentKit
import Foundation

/// A sign-in account: the `Account` as a document (exact, password hash included) beside its lookup columns.
final class AccountModel: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "username") var username: String
    @OptionalField(key: "staff_id") var staffID: UUID?
    @Field(key: "role") var role: String
    @Field(key: "disabled") var disabled: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "document") var document: String

    init() {}
}
