import FluentKit
import Foundation

/// A `Referrer` row: the value as a document, with the columns it is looked up or ordered by.
final class ReferrerModel: Model, @unchecked Sendable {
    static let schema = "referrers"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "registration_number") var registrationNumber: String
    @Field(key: "document") var document: String

    init() {}
}
