import FluentKit
import Foundation

/// A `Fault` row.
final class FaultModel: Model, @unchecked Sendable {
    static let schema = "equipment_faults"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "room_id") var roomID: UUID
    @Field(key: "status") var status: String
    @Field(key: "reported_at") var reportedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
