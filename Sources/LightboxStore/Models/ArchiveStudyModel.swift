import FluentKit
import Foundation

/// An `ArchivedStudy` row of the image index; multi-valued aggregates `\`-joined.
final class ArchiveStudyModel: Model, @unchecked Sendable {
    static let schema = "archive_studies"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "archive_patient_id") var archivePatientID: UUID
    @Field(key: "study_instance_uid") var studyInstanceUID: String
    @OptionalField(key: "study_date") var studyDate: String?
    @OptionalField(key: "study_time") var studyTime: String?
    @OptionalField(key: "accession_number") var accessionNumber: String?
    @OptionalField(key: "study_id") var studyID: String?
    @OptionalField(key: "study_description") var studyDescription: String?
    @OptionalField(key: "referring_physician_name") var referringPhysicianName: String?
    @OptionalField(key: "referring_physician_name_upper") var referringPhysicianNameUpper: String?
    @Field(key: "modalities_in_study") var modalitiesInStudy: String
    @Field(key: "sop_classes_in_study") var sopClassesInStudy: String
    @Field(key: "number_of_series") var numberOfSeries: Int
    @Field(key: "number_of_instances") var numberOfInstances: Int
    @OptionalField(key: "exam_id") var examID: UUID?
    @OptionalField(key: "patient_record_id") var patientRecordID: UUID?
    @Field(key: "match_status") var matchStatus: String
    @Field(key: "match_detail") var matchDetail: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
