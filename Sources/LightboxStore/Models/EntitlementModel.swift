import FluentKit
import Foundation

/// A `Entitlement` row: the value as a document, with the columns it is looked up or ordered by.
final class EntitlementModel: Model, @unchecked Sendable {
    static let schema = "entitlements"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "document") var document: String

    init() {}
}
