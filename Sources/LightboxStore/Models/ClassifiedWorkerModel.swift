import FluentKit
import Foundation

/// A `ClassifiedWorker` change row (append-only; the latest per member of staff is in force).
final class ClassifiedWorkerModel: Model, @unchecked Sendable {
    static let schema = "classified_workers"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "changed_at") var changedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
