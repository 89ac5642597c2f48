import FluentKit
import Foundation

/// A `RotaAssignment` row: the assignment as a document, with the day (ISO, so it sorts), the session's order in the
/// day, the room and the member of staff as columns.
final class RotaAssignmentModel: Model, @unchecked Sendable {
    static let schema = "rota_assignments"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "day") var day: String
    @Field(key: "session_order") var sessionOrder: Int
    @Field(key: "room_id") var roomID: UUID
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "document") var document: String

    init() {}
}
