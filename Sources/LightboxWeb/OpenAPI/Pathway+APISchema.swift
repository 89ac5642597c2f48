import Foundation
import LightboxDomain

// The pathway's commands and results as documented API bodies. Commands take `examID` from the
// URL path (`/api/exams/{examID}/…`), so it is not part of the documented body.

extension Outcome: APISchema where Value: APISchema {
    public static var schemaName: String { Value.schemaName + "Outcome" }
    public static var example: Outcome<Value> {
        Outcome(
            Value.example,
            events: [
                DomainEvent(
                    name: "exam.justified", patientID: Examples.id(1), examID: Examples.id(2), fromState: .requested,
                    toState: .justified, at: Examples.now)
            ])
    }
}

extension Exam: APISchema {
    public static let schemaName = "Exam"
    public static var example: Exam {
        var exam = Exam(
            id: Examples.id(2), accessionNumber: Exam.accessionNumber(for: Examples.id(2)), patientID: Examples.id(1),
            referrerID: Examples.id(3), examCode: "XCHES", examName: "XR Chest", modality: .DX, bodyRegion: .chest,
            laterality: .notApplicable, clinicalQuestion: "Cough for 6 weeks, smoker: ? malignancy", priority: .routine,
            patientSource: .generalPractice, location: "GP", pregnancyStatusOnRequest: .notApplicable,
            research: ResearchDetails(ethicsReference: "REC 24/LO/0001", doseConstraintMilliSievert: 0.1),
            requestIdentifiers: Examples.identifiers, requestedAt: Examples.now,
            booking: Booking(
                roomID: Examples.id(4), scheduledAt: Examples.now, bookedBy: "r.clerk", bookedAt: Examples.now,
                performingStaffID: Examples.id(5)),
            arrivedAt: Examples.now, dischargedAt: Examples.now, closureReason: "",
            studyInstanceUID: StudyInstanceUID.make(from: Examples.id(2)),
            modalityStep: ModalityProcedureStep(
                sopInstanceUID: "1.2.826.0.1.3680043.10.543.1", stationAETitle: "XR1", status: .discontinued,
                startedAt: Examples.now, endedAt: Examples.now, discontinuationReason: "Patient unwell"),
            outsidePathway: OutsidePathwayRecord(
                breaches: [
                    .init(
                        code: .pauseAndCheckIncomplete,
                        message:
                            "Pause and Check has not been completed for this exam; it must be done before the exposure."
                    )
                ], flaggedAt: Examples.now, source: "MPPS from XR1", resolvedBy: Examples.id(5),
                resolvedAt: Examples.now, resolution: "Checked with the patient after the exposure; all correct."))
        exam.dose = .example
        return exam
    }
}

extension CreateRequest.Command: APISchema {
    public static let schemaName = "CreateRequestCommand"
    public static var example: CreateRequest.Command {
        CreateRequest.Command(
            patientID: Examples.id(1), identifiers: Examples.identifiers, examCode: "XCHES", laterality: .notApplicable,
            clinicalQuestion: "Cough for 6 weeks, smoker: ? malignancy", referrerID: Examples.id(3), priority: .routine,
            patientSource: .generalPractice, location: "GP surgery", pregnancyStatus: .notApplicable,
            research: ResearchDetails(
                ethicsReference: "REC 24/LO/0001", doseConstraintMilliSievert: 0.1, protocolName: "LUNG-1"))
    }
}

extension ResubmitRequest.Command: APISchema {
    public static let schemaName = "ResubmitRequest"
    public static let pathMembers = ["examID"]
    public static var example: ResubmitRequest.Command {
        .init(examID: Examples.id(2), additionalInformation: "Previous chest X-ray was in 2019 at another trust.")
    }
}

extension JustifyRequest.Command: APISchema {
    public static let schemaName = "JustifyRequest"
    public static let pathMembers = ["examID"]
    public static var example: JustifyRequest.Command {
        .init(
            examID: Examples.id(2), decision: .accept, guideline: GuidelineReference(id: "iRefer CA1", version: "8"),
            newExamCode: "XCHES", newLaterality: .notApplicable, reason: "Indicated by iRefer")
    }
}

extension BookExam.Command: APISchema {
    public static let schemaName = "BookExam"
    public static let pathMembers = ["examID"]
    public static var example: BookExam.Command {
        .init(
            examID: Examples.id(2), roomID: Examples.id(4), scheduledAt: Examples.now, performingStaffID: Examples.id(5)
        )
    }
}

extension RebookExam.Command: APISchema {
    public static let schemaName = "RebookExam"
    public static let pathMembers = ["examID"]
    public static var example: RebookExam.Command {
        .init(
            examID: Examples.id(2), roomID: Examples.id(4), scheduledAt: Examples.now,
            reason: "Patient asked for a later slot")
    }
}

extension RecordArrival.Command: APISchema {
    public static let schemaName = "RecordArrival"
    public static let pathMembers = ["examID"]
    public static var example: RecordArrival.Command { .init(examID: Examples.id(2)) }
}

extension RecordPauseAndCheck.Command: APISchema {
    public static let schemaName = "RecordPauseAndCheck"
    public static let pathMembers = ["examID"]
    public static let memberDefaults: [String: JSONValue] = [
        "pregnancy.question": .string(PregnancyEnquiry.standardQuestion),
        "contrast.previousReaction": false, "contrast.allergiesOrAsthma": false, "contrast.diabetes": false,
        "contrast.renalDisease": false, "contrast.knownLowEGFR": false, "contrast.onMetformin": false,
        "contrast.metforminStopped": false,
    ]
    public static var example: RecordPauseAndCheck.Command {
        .init(
            examID: Examples.id(2),
            identity: IdentityConfirmation(
                identifiers: [.name, .dateOfBirth, .nhsNumber], methods: [.verbal, .wristband],
                confirmedBy: Examples.id(5), confirmedWith: "patient"),
            anatomy: AnatomyConfirmation(bodyPartConfirmed: true, side: .left),
            pregnancy: PregnancyEnquiry(
                method: .direct, answer: .no, askedBy: Examples.id(5), lastMenstrualPeriod: Examples.dateOfBirth,
                breastfeeding: false,
                override: PregnancyOverride(
                    practitionerStaffID: Examples.id(6), countersigningDoctorID: Examples.id(7),
                    reason: "Clinical urgency outweighs the risk", countersignedBy: "Dr A Patel (GMC 7654321)")),
            contrast: ContrastScreening(
                previousReaction: false, previousReactionReviewedBy: Examples.id(6), allergiesOrAsthma: false,
                diabetes: false, renalDisease: false, knownLowEGFR: false,
                latestEGFR: EGFRResult(value: 78, measuredAt: Examples.now), onMetformin: false,
                metforminStopped: false,
                agent: "Omnipaque 300", batch: "B12345", volumeMillilitres: 80, route: .intravenous,
                screenedBy: Examples.id(5), stockBatchID: Examples.id(51)),
            equipmentAndSettingsConfirmed: true, supervisorStaffID: Examples.id(8))
    }
}

extension StartExam.Command: APISchema {
    public static let schemaName = "StartExam"
    public static let pathMembers = ["examID"]
    public static var example: StartExam.Command {
        .init(examID: Examples.id(2), supervisorStaffID: Examples.id(6), roomID: Examples.id(4))
    }
}

extension CompleteExam.Command: APISchema {
    public static let schemaName = "CompleteExam"
    public static let pathMembers = ["examID"]
    public static let memberDefaults: [String: JSONValue] = ["exposures": [], "carers": []]
    public static var example: CompleteExam.Command {
        .init(
            examID: Examples.id(2), projections: [PerformedProjection(name: "PA", images: 1)],
            exposures: [
                ExposureFigures(
                    projection: "PA", kilovolts: 110, milliampereSeconds: 2.5, doseAreaProductGyCm2: 0.08,
                    exposureIndex: 1450, ctdiVolMilligray: 0, dlpMilligrayCm: 0, fluoroscopySeconds: 0,
                    referenceAirKermaMilligray: 0.4)
            ],
            carers: [
                CarerRecord(
                    name: "Mr T Jones (father)", consentGiven: true, informedOfRisks: true,
                    estimatedDoseMilliSievert: 0.002)
            ], equipment: "Siemens Ysio Max, serial 12345")
    }
}

extension CheckImages.Command: APISchema {
    public static let schemaName = "CheckImages"
    public static let pathMembers = ["examID"]
    public static let memberDefaults: [String: JSONValue] = ["rejects": [], "rejects[].repeated": false]
    public static var example: CheckImages.Command {
        .init(
            examID: Examples.id(2), diagnostic: true,
            rejects: [ImageReject(projection: "PA", reason: .motion, repeated: true, note: "Patient moved")],
            note: "Diagnostic after one repeat")
    }
}

extension DischargePatient.Command: APISchema {
    public static let schemaName = "DischargePatient"
    public static let pathMembers = ["examID"]
    public static var example: DischargePatient.Command { .init(examID: Examples.id(2)) }
}

extension CancelExam.Command: APISchema {
    public static let schemaName = "CancelExam"
    public static let pathMembers = ["examID"]
    public static var example: CancelExam.Command {
        .init(examID: Examples.id(2), reason: "Referrer withdrew the request")
    }
}

extension RecordDidNotAttend.Command: APISchema {
    public static let schemaName = "RecordDidNotAttend"
    public static let pathMembers = ["examID"]
    public static var example: RecordDidNotAttend.Command {
        .init(examID: Examples.id(2), reason: "No answer when called; no contact")
    }
}
