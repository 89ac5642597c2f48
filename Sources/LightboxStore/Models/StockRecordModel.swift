import FluentKit
import Foundation

/// A `StockRecord` row of any kind: the value as a document, with the columns it is listed and traced by.
final class StockRecordModel: Model, @unchecked Sendable {
    static let schema = "stock_records"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "parent_id") var parentID: UUID?
    @OptionalField(key: "exam_id") var examID: UUID?
    @Field(key: "listed_at") var listedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
