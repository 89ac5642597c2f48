import FluentKit
import Foundation

/// A `StaffDoseInvestigation` row: the investigation as a document, with whether it is open.
final class StaffDoseInvestigationModel: Model, @unchecked Sendable {
    static let schema = "staff_dose_investigations"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "open") var open: Bool
    @Field(key: "opened_at") var openedAt: Date
    @Field(key: "document") var document: String

    init() {}
}
