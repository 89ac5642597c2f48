import FluentKit
import Foundation

/// A `LocalReferenceLevel` row (never updated or deleted: the history of the local DRLs).
final class LocalReferenceLevelModel: Model, @unchecked Sendable {
    static let schema = "local_reference_levels"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "exam_code") var examCode: String
    @OptionalField(key: "room_id") var roomID: UUID?
    @Field(key: "effective_from") var effectiveFrom: Date
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
