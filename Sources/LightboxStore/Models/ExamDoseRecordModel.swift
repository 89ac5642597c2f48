import FluentKit
import Foundation

/// An `ExamDoseRecord` row (id = the exam's): the figures statistics filter and sort on as columns,
/// and the record as a document.
final class ExamDoseRecordModel: Model, @unchecked Sendable {
    static let schema = "exam_dose_records"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "exam_code") var examCode: String
    @Field(key: "modality") var modality: String
    @OptionalField(key: "room_id") var roomID: UUID?
    @Field(key: "performed_at") var performedAt: Date
    @OptionalField(key: "source") var source: String?
    @OptionalField(key: "dose_area_product") var doseAreaProduct: Double?
    @OptionalField(key: "reference_point_dose") var referencePointDose: Double?
    @OptionalField(key: "fluoroscopy_seconds") var fluoroscopySeconds: Double?
    @OptionalField(key: "ctdi_vol") var ctdiVol: Double?
    @OptionalField(key: "dlp") var dlp: Double?
    @OptionalField(key: "highest_ratio") var highestRatio: Double?
    @OptionalField(key: "dap_per_radiograph") var doseAreaProductPerRadiograph: Double?
    @OptionalField(key: "agd") var averageGlandularDose: Double?
    @OptionalField(key: "administered_activity") var administeredActivity: Double?
    @OptionalField(key: "operator_staff_id") var operatorStaffID: UUID?
    @Field(key: "document") var document: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
