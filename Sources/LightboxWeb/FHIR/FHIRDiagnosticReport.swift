import Foundation
import LightboxDomain

/// DiagnosticReport (FHIR R4 §10.3) from an exam's report: `preliminary` once reported, `final`
/// once verified; the report text as `conclusion`, the reporter (and verifier) as performer and
/// results interpreter, `basedOn` the ServiceRequest, the ImagingStudy it reads.
public enum FHIRDiagnosticReport {
    /// DiagnosticReportStatus (FHIR R4 valueset diagnostic-report-status).
    public static func status(_ report: ReportRecord) -> String {
        report.verifiedAt == nil ? "preliminary" : "final"
    }

    /// The journey states in which an exam has a report, for searches.
    public static let states: [ExamState] = [.reported, .reportVerified]

    /// The time the report was issued in its current status.
    public static func issued(_ report: ReportRecord) -> Date {
        report.verifiedAt ?? report.reportedAt
    }

    /// The resource, nil when the exam has no report.
    public static func resource(_ exam: Exam, _ reference: FHIRReferenceData) -> JSONValue? {
        guard let report = exam.report else { return nil }
        var performers = [reference.staffReference(report.reportedBy)]
        if let verifier = report.verifiedBy, verifier != report.reportedBy {
            performers.append(reference.staffReference(verifier))
        }
        return .fhir([
            ("resourceType", "DiagnosticReport"),
            ("id", .string(exam.id.uuidString)),
            ("meta", .fhir([("lastUpdated", .instant(issued(report)))])),
            (
                "identifier",
                .array([
                    .fhir([
                        ("type", FHIRNamingSystem.identifierType("ACSN", "Accession ID")),
                        ("system", .string(FHIRNamingSystem.accessionNumber)),
                        ("value", .string(exam.accessionNumber)),
                    ])
                ])
            ),
            ("basedOn", .array([.fhir([("reference", .string("ServiceRequest/\(exam.id.uuidString)"))])])),
            ("status", .string(status(report))),
            (
                "category",
                .array([
                    .fhir([
                        (
                            "coding",
                            .array([
                                .fhir([
                                    ("system", .string(FHIRNamingSystem.diagnosticServiceSection)), ("code", "RAD"),
                                    ("display", "Radiology"),
                                ])
                            ])
                        )
                    ])
                ])
            ),
            ("code", reference.examCode(exam)),
            ("subject", .fhir([("reference", .string("Patient/\(exam.patientID.uuidString)"))])),
            ("effectiveDateTime", exam.performance.map { .instant($0.startedAt) }),
            ("issued", .instant(issued(report))),
            ("performer", .array(performers)),
            ("resultsInterpreter", .array([reference.staffReference(report.reportedBy)])),
            (
                "imagingStudy",
                FHIRImagingStudy.exists(exam)
                    ? .array([.fhir([("reference", .string("ImagingStudy/\(exam.id.uuidString)"))])]) : nil
            ),
            ("conclusion", .string(report.text)),
        ])
    }
}
