import FluentKit
import Foundation

/// A `DosemeterReading` row: the reading as a document, with its wearer and period end (ISO date, which sorts).
final class DosemeterReadingModel: Model, @unchecked Sendable {
    static let schema = "dosemeter_readings"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "period_end") var periodEnd: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
