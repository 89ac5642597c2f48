import Foundation
import LightboxDomain

/// ServiceRequest (FHIR R4 §12.13) from an exam's request: accession, placer and filler numbers,
/// status from the journey, the catalogue exam, side, priority, clinical question, referrer.
public enum FHIRServiceRequest {
    /// Extension: the department's own priority category (routine, urgent, inpatient, emergency,
    /// twoWeekWait), finer than FHIR's request-priority.
    public static let priorityExtension = FHIRNamingSystem.extensionBase + "request-priority"
    /// Extension: the pregnancy status stated on the request (no, yes, unsure, notApplicable).
    public static let pregnancyExtension = FHIRNamingSystem.extensionBase + "pregnancy-status"
    /// Extension: where the patient comes from (emergencyDepartment, inpatient, outpatient, generalPractice, other).
    public static let patientSourceExtension = FHIRNamingSystem.extensionBase + "patient-source"
    /// Extension: the exam's state on the department's journey, finer than the request status.
    public static let examStateExtension = FHIRNamingSystem.extensionBase + "exam-state"

    /// RequestStatus (FHIR R4 valueset request-status) for each state of the journey:
    /// - requested … in progress: `active` (the order stands and is being carried out);
    /// - returned for information, did not attend: `on-hold` (the order stands but waits on the
    ///   referrer or the patient; it can be resubmitted or re-booked);
    /// - rejected at justification, cancelled: `revoked` (it will not be done);
    /// - completed and every later state (images checked, discharged, reported, verified): `completed`;
    /// - discontinued at the modality: `on-hold` (it can be re-booked, its images checked or cancelled).
    public static func status(_ state: ExamState) -> String {
        switch state {
        case .requested, .justified, .booked, .arrived, .checked, .inProgress: "active"
        case .returnedForInformation, .didNotAttend, .discontinued: "on-hold"
        case .rejected, .cancelled: "revoked"
        case .completed, .imagesChecked, .discharged, .reported, .reportVerified: "completed"
        }
    }

    /// The journey states a request status stands for (the inverse of `status(_:)`), for searches.
    public static func states(forStatus status: String) -> [ExamState] {
        ExamState.allCases.filter { Self.status($0) == status }
    }

    /// FHIR request-priority for the department's priority: emergency is `stat`, an inpatient
    /// request `asap`, the two-week-wait cancer pathway `urgent`.
    public static func priority(_ priority: Priority) -> String {
        switch priority {
        case .routine: "routine"
        case .urgent, .twoWeekWait: "urgent"
        case .inpatient: "asap"
        case .emergency: "stat"
        }
    }

    /// The department's priority for a FHIR request-priority (when the priority extension is absent):
    /// `asap` is taken as urgent, since FHIR's code says nothing about where the patient is.
    public static func priority(fhir code: String) -> Priority? {
        switch code {
        case "routine": .routine
        case "urgent", "asap": .urgent
        case "stat": .emergency
        default: nil
        }
    }

    /// SNOMED CT laterality qualifiers used in `bodySite`.
    public static let lateralityCodes: [(Laterality, String, String)] = [
        (.left, "7771000", "Left"), (.right, "24028007", "Right"), (.bilateral, "51440002", "Right and left"),
    ]

    public static func resource(_ exam: Exam, _ reference: FHIRReferenceData) -> JSONValue {
        var identifiers: [JSONValue] = [
            .fhir([
                ("use", "official"),
                ("type", FHIRNamingSystem.identifierType("ACSN", "Accession ID")),
                ("system", .string(FHIRNamingSystem.accessionNumber)),
                ("value", .string(exam.accessionNumber)),
            ])
        ]
        if let placer = exam.placerOrderNumber {
            identifiers.append(
                .fhir([
                    ("type", FHIRNamingSystem.identifierType("PLAC", "Placer Identifier")),
                    ("system", .string(FHIRNamingSystem.placerOrderNumber)), ("value", .string(placer)),
                ]))
        }
        if let filler = exam.fillerOrderNumber {
            identifiers.append(
                .fhir([
                    ("type", FHIRNamingSystem.identifierType("FILL", "Filler Identifier")),
                    ("system", .string(FHIRNamingSystem.fillerOrderNumber)), ("value", .string(filler)),
                ]))
        }
        var extensions: [JSONValue] = [
            .fhir([("url", .string(priorityExtension)), ("valueCode", .string(exam.priority.rawValue))]),
            .fhir([("url", .string(examStateExtension)), ("valueCode", .string(exam.state.rawValue))]),
        ]
        if let pregnancy = exam.pregnancyStatusOnRequest {
            extensions.append(
                .fhir([("url", .string(pregnancyExtension)), ("valueCode", .string(pregnancy.rawValue))]))
        }
        if let source = exam.patientSource {
            extensions.append(
                .fhir([("url", .string(patientSourceExtension)), ("valueCode", .string(source.rawValue))]))
        }
        let side = lateralityCodes.first { $0.0 == exam.laterality }
        return .fhir([
            ("resourceType", "ServiceRequest"),
            ("id", .string(exam.id.uuidString)),
            ("meta", .fhir([("lastUpdated", .instant(exam.history.last?.at ?? exam.requestedAt))])),
            ("extension", .array(extensions)),
            ("identifier", .array(identifiers)),
            ("status", .string(status(exam.state))),
            ("intent", "order"),
            (
                "category",
                .array([
                    .fhir([
                        (
                            "coding",
                            .array([
                                .fhir([
                                    ("system", .string(FHIRNamingSystem.snomedCT)), ("code", "363679005"),
                                    ("display", "Imaging"),
                                ])
                            ])
                        )
                    ])
                ])
            ),
            ("priority", .string(priority(exam.priority))),
            ("code", reference.examCode(exam)),
            ("subject", .fhir([("reference", .string("Patient/\(exam.patientID.uuidString)"))])),
            ("authoredOn", .instant(exam.requestedAt)),
            ("requester", reference.referrerReference(exam.referrerID)),
            ("locationCode", exam.location.flatMap { $0.isEmpty ? nil : .array([.fhir([("text", .string($0))])]) }),
            ("reasonCode", .array([.fhir([("text", .string(exam.clinicalQuestion))])])),
            (
                "bodySite",
                side.map { side in
                    .array([
                        .fhir([
                            (
                                "coding",
                                .array([
                                    .fhir([
                                        ("system", .string(FHIRNamingSystem.snomedCT)), ("code", .string(side.1)),
                                        ("display", .string(side.2)),
                                    ])
                                ])
                            ),
                            ("text", .string(side.0.rawValue)),
                        ])
                    ])
                }
            ),
        ])
    }
}
