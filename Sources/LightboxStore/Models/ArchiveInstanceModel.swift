import FluentKit
import Foundation

/// An `ArchivedInstance` row of the image index; `image_key` is the SHA-256 content address of its file.
final class ArchiveInstanceModel: Model, @unchecked Sendable {
    static let schema = "archive_instances"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "archive_series_id") var archiveSeriesID: UUID
    @Field(key: "archive_study_id") var archiveStudyID: UUID
    @Field(key: "sop_instance_uid") var sopInstanceUID: String
    @Field(key: "sop_class_uid") var sopClassUID: String
    @OptionalField(key: "instance_number") var instanceNumber: Int?
    @OptionalField(key: "content_date") var contentDate: String?
    @OptionalField(key: "content_time") var contentTime: String?
    @OptionalField(key: "rows") var rows: Int?
    @OptionalField(key: "columns") var columns: Int?
    @OptionalField(key: "number_of_frames") var numberOfFrames: Int?
    @Field(key: "transfer_syntax_uid") var transferSyntaxUID: String
    @OptionalField(key: "specific_character_set") var specificCharacterSet: String?
    @Field(key: "image_key") var imageKey: String
    @Field(key: "size_bytes") var sizeBytes: Int64
    @Field(key: "source") var source: String
    @Field(key: "stored_at") var storedAt: Date

    init() {}
}
