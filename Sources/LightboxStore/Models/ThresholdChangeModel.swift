import FluentKit
import Foundation

/// A `ThresholdChange` row: the columns it is listed and filtered by, and the value as a document.
final class ThresholdChangeModel: Model, @unchecked Sendable {
    static let schema = "threshold_changes"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: String
    @Field(key: "effective_from") var effectiveFrom: Date
    @Field(key: "signed_off_by") var signedOffBy: UUID
    @Field(key: "signed_off_by_name") var signedOffByName: String
    @Field(key: "changed_by") var changedBy: String
    @Field(key: "reason") var reason: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}
