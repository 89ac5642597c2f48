import FluentKit
import Foundation

/// A `Room` row: the value as a document, with the columns it is looked up or ordered by.
final class RoomModel: Model, @unchecked Sendable {
    static let schema = "rooms"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "document") var document: String

    init() {}
}
