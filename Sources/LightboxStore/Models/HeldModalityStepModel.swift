import FluentKit
import Foundation

/// A `HeldModalityStep` row: the step as a document, with the columns it is found and listed by.
final class HeldModalityStepModel: Model, @unchecked Sendable {
    static let schema = "held_modality_steps"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "sop_instance_uid") var sopInstanceUID: String
    @Field(key: "decision") var decision: String
    @OptionalField(key: "exam_id") var examID: UUID?
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
