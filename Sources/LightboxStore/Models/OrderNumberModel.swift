import FluentKit
import Foundation

/// A placer order number and the exam requested under it.
final class OrderNumberModel: Model, @unchecked Sendable {
    static let schema = "order_numbers"

    @ID(custom: "placer_order_number", generatedBy: .user) var id: String?
    @Field(key: "exam_id") var examID: UUID

    init() {}
}
