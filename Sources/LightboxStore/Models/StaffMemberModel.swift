import FluentKit
import Foundation

/// A `StaffMember` row: the value as a document, with the columns it is looked up or ordered by.
final class StaffMemberModel: Model, @unchecked Sendable {
    static let schema = "staff"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "family_name_key") var familyNameKey: String
    @Field(key: "document") var document: String

    init() {}
}
