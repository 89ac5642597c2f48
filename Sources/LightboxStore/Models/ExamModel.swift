import FluentKit
import Foundation

/// An exam row: the whole journey (`Exam`, with its history, Pause and Check, contrast, pregnancy and image-check
/// records) as a document, and the fields that lists and worklists search as indexed columns.
final class ExamModel: Model, @unchecked Sendable {
    static let schema = "exams"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "accession_number") var accessionNumber: String
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "referrer_id") var referrerID: UUID
    @Field(key: "exam_code") var examCode: String
    @Field(key: "modality") var modality: String
    @Field(key: "state") var state: String
    @OptionalField(key: "room_id") var roomID: UUID?
    @OptionalField(key: "scheduled_at") var scheduledAt: Date?
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "document") var document: String
    @OptionalField(key: "study_instance_uid") var studyInstanceUID: String?
    @OptionalField(key: "mpps_instance_uid") var modalityStepUID: String?
    @OptionalField(key: "outside_pathway_open") var outsidePathwayOpen: Bool?
    // What the statistics aggregate (`ExamFacts`, M0110).
    @OptionalField(key: "priority") var priority: String?
    @OptionalField(key: "patient_source") var patientSource: String?
    @OptionalField(key: "waiting_ended_at") var waitingEndedAt: Date?
    @OptionalField(key: "performed_at") var performedAt: Date?
    @OptionalField(key: "performed_room_id") var performedRoomID: UUID?
    @OptionalField(key: "operator_staff_id") var operatorStaffID: UUID?
    @OptionalField(key: "images_acquired") var imagesAcquired: Int?
    @OptionalField(key: "images_rejected") var imagesRejected: Int?
    @OptionalField(key: "report_issued_at") var reportIssuedAt: Date?
    @OptionalField(key: "pregnancy_recorded") var pregnancyRecorded: Bool?
    /// M0041: an alert on the exam still waits for someone (`Exam.hasOpenAlert`).
    @OptionalField(key: "alert_open") var alertOpen: Bool?

    init() {}
}
