import FluentKit
import Foundation

/// A `StaffRecord` row of any kind: the value as a document, with the columns it is listed and looked up by.
final class StaffRecordModel: Model, @unchecked Sendable {
    static let schema = "staff_records"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "listed_at") var listedAt: Date
    @OptionalField(key: "pending_expiry") var pendingExpiry: Date?
    @Field(key: "document") var document: String

    init() {}
}
