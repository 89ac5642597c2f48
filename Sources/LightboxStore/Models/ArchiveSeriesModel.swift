import FluentKit
import Foundation

/// An `ArchivedSeries` row of the image index.
final class ArchiveSeriesModel: Model, @unchecked Sendable {
    static let schema = "archive_series"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "archive_study_id") var archiveStudyID: UUID
    @Field(key: "series_instance_uid") var seriesInstanceUID: String
    @OptionalField(key: "modality") var modality: String?
    @OptionalField(key: "series_number") var seriesNumber: Int?
    @OptionalField(key: "series_description") var seriesDescription: String?
    @OptionalField(key: "series_date") var seriesDate: String?
    @OptionalField(key: "series_time") var seriesTime: String?
    @OptionalField(key: "body_part_examined") var bodyPartExamined: String?
    @Field(key: "number_of_instances") var numberOfInstances: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
