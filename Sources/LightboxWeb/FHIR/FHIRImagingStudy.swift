import Foundation
import LightboxDomain

/// ImagingStudy (FHIR R4 §13.3) for an exam that has been performed: accession number, the study
/// instance UID and series once the image archive holds them, modality, the request it is based on,
/// referrer, reporter and procedure. Without stored series the study is `registered` (it exists
/// and nothing is available yet); with series it is `available`.
public enum FHIRImagingStudy {
    /// Whether the exam has a study: it has been started on a modality.
    public static func exists(_ exam: Exam) -> Bool {
        exam.performance != nil
    }

    /// The journey states in which an exam can have a study, for searches.
    public static let states: [ExamState] = [
        .inProgress, .completed, .imagesChecked, .discharged, .reported, .reportVerified, .cancelled,
    ]

    /// ImagingStudyStatus (FHIR R4 valueset imagingstudy-status).
    public static func status(_ exam: Exam, series: [FHIRImagingSeries]) -> String {
        if exam.state == .cancelled { return "cancelled" }
        return series.isEmpty ? "registered" : "available"
    }

    /// The resource, nil when the exam has not been performed. `studyInstanceUID` and `series`
    /// come from the image archive.
    public static func resource(
        _ exam: Exam, _ reference: FHIRReferenceData, studyInstanceUID: String? = nil,
        series: [FHIRImagingSeries] = []
    ) -> JSONValue? {
        guard let performance = exam.performance else { return nil }
        var identifiers: [JSONValue] = []
        if let uid = studyInstanceUID {
            identifiers.append(
                .fhir([("system", .string(FHIRNamingSystem.dicomUID)), ("value", .string("urn:oid:\(uid)"))]))
        }
        identifiers.append(
            .fhir([
                ("type", FHIRNamingSystem.identifierType("ACSN", "Accession ID")),
                ("system", .string(FHIRNamingSystem.accessionNumber)), ("value", .string(exam.accessionNumber)),
            ]))
        let modalities = ([exam.modality.rawValue] + series.map(\.modality)).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        return .fhir([
            ("resourceType", "ImagingStudy"),
            ("id", .string(exam.id.uuidString)),
            ("meta", .fhir([("lastUpdated", .instant(exam.history.last?.at ?? performance.startedAt))])),
            ("identifier", .array(identifiers)),
            ("status", .string(status(exam, series: series))),
            ("modality", .array(modalities.map(modalityCoding))),
            ("subject", .fhir([("reference", .string("Patient/\(exam.patientID.uuidString)"))])),
            ("started", .instant(performance.startedAt)),
            ("basedOn", .array([.fhir([("reference", .string("ServiceRequest/\(exam.id.uuidString)"))])])),
            ("referrer", reference.referrerReference(exam.referrerID)),
            ("interpreter", exam.report.map { .array([reference.staffReference($0.reportedBy)]) }),
            ("numberOfSeries", series.isEmpty ? nil : .number(Double(series.count))),
            ("numberOfInstances", series.isEmpty ? nil : .number(Double(series.reduce(0) { $0 + $1.instances.count }))),
            ("procedureCode", .array([reference.examCode(exam)])),
            ("location", reference.roomReference(performance.roomID)),
            ("reasonCode", .array([.fhir([("text", .string(exam.clinicalQuestion))])])),
            ("description", .string(exam.examName)),
            ("series", .array(series.map(\.json))),
        ])
    }

    /// A DICOM modality as a Coding (PS3.16 DCM).
    static func modalityCoding(_ modality: String) -> JSONValue {
        .fhir([("system", .string(FHIRNamingSystem.dicomDCM)), ("code", .string(modality))])
    }
}
