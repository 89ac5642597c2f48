import FluentKit
import Foundation

/// A `CleaningRecord` row.
final class CleaningRecordModel: Model, @unchecked Sendable {
    static let schema = "cleaning_log"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "room_id") var roomID: UUID
    @Field(key: "cleaned_at") var cleanedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
