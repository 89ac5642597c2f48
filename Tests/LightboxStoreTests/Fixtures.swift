import Foundation
import LightboxDomain

/// Fully populated domain values: every optional set, every collection non-empty, dates with sub-millisecond
/// fractions, so a round trip that drops or rounds anything fails.
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000.123_456_7)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static func actor(_ role: AccessRole = .radiographer, staffID: UUID? = UUID()) -> Actor {
        Actor(staffID: staffID, username: "r.jones", role: role, door: .web, address: "10.0.0.7")
    }

    static func patient(id: UUID = UUID(), family: String = "O'Brien-Żak", nhs: String = "9434765919") throws -> Patient
    {
        Patient(
            id: id, nhsNumber: try NHSNumber(nhs),
            hospitalNumbers: [
                HospitalNumber(value: "H123456", issuingAuthority: "RXH"),
                HospitalNumber(value: "K998877", issuingAuthority: "RYJ"),
            ],
            name: PersonName(family: family, given: ["Siobhán", "Mary"], prefix: "Ms"),
            dateOfBirth: try CalendarDate(iso: "1980-02-29"), sex: .female, childbearingPotential: false,
            address: PostalAddress(lines: ["1 High Street", "Brighton"], postcode: "BN1 1AA"), gpPracticeCode: "G81001",
            previousContrastReaction: true, alerts: ["Interpreter: Polish", "MRSA"], mergedInto: nil,
            createdAt: at(1), updatedAt: at(2))
    }

    static func referrer(id: UUID = UUID(), registration: String = "GMC1234567") -> Referrer {
        Referrer(
            id: id, name: PersonName(family: "Khan", given: ["Amir"], prefix: "Dr"), kind: .edPractitioner,
            registrationNumber: registration, organisationCode: "RXH01",
            scope: ReferralScope(
                unrestricted: false,
                rules: [ExamScope(modality: .DX, bodyRegion: .upperLimb), ExamScope(examCode: "XCHES")]),
            active: true, scopeExpires: at(86_400 * 365))
    }

    static func staff(id: UUID = UUID(), family: String = "Jones", profession: Profession = .radiographer)
        -> StaffMember
    {
        StaffMember(
            id: id, name: PersonName(family: family, given: ["Rhian"], prefix: "Mrs"), profession: profession,
            jobTitle: "Band 6 radiographer",
            registration: ProfessionalRegistration(body: "HCPC", number: "RA12345", expires: at(86_400 * 400)),
            active: true, createdAt: at(3))
    }

    static func entitlement(id: UUID = UUID(), staffID: UUID) -> Entitlement {
        Entitlement(
            id: id, staffID: staffID, duty: .operate,
            scope: ExamScope(modality: .DX, examCode: "XWRIS", bodyRegion: .upperLimb),
            starts: at(-86_400), expires: at(86_400 * 30), supervisionRequired: true,
            trainingEvidence: "Preceptorship 2026, signed off by J. Patel", grantedBy: "m.manager", grantedAt: at(4),
            revokedAt: at(5), revokedBy: "m.manager", revocationReason: "Moved to CT")
    }

    static func room(id: UUID = UUID(), name: String = "General X-ray 1") -> Room {
        Room(
            id: id, name: name, modality: .DX, isMobile: false, status: .restricted, statusReason: "Detector fault",
            restrictedTo: [ExamScope(modality: .DX, bodyRegion: .chest)], aeTitle: "GENXR1")
    }

    static func catalogueEntry(code: String = "XWRIS", name: String = "XR Wrist") -> CatalogueEntry {
        CatalogueEntry(
            code: code, name: name, modality: .DX, bodyRegion: .upperLimb, projections: ["PA", "Lateral"],
            lateralityRequired: true, pregnancyRelevant: false, highDose: true, contrast: .intravenous,
            snomedCT: "426100000", active: true)
    }

    static func exam(
        id: UUID = UUID(), patientID: UUID, referrerID: UUID, roomID: UUID, staffID: UUID, entitlementID: UUID,
        state: ExamState = .imagesChecked, requestedAt: Date = at(10), scheduledAt: Date = at(3_600)
    ) throws -> Exam {
        let actor = actor(staffID: staffID)
        return Exam(
            id: id, accessionNumber: Exam.accessionNumber(for: id), patientID: patientID, referrerID: referrerID,
            examCode: "XWRIS", examName: "XR Wrist", modality: .DX, bodyRegion: .upperLimb, laterality: .left,
            clinicalQuestion: "FOOSH, ?scaphoid fracture", priority: .urgent, patientSource: .emergencyDepartment,
            location: "ED majors bay 4", pregnancyStatusOnRequest: .notApplicable,
            research: ResearchDetails(
                ethicsReference: "REC 26/LO/0001", doseConstraintMilliSievert: 0.5, protocolName: "WRIST-AI"),
            requestIdentifiers: RequestIdentifiers(
                name: PersonName(family: "O'Brien", given: ["Siobhan"]),
                dateOfBirth: try CalendarDate(iso: "1980-02-29"),
                nhsNumber: "943 476 5919", hospitalNumber: HospitalNumber(value: "H123456", issuingAuthority: "RXH"),
                address: PostalAddress(lines: ["1 High Street"], postcode: "BN1 1AA")),
            requestedAt: requestedAt, state: state,
            justification: JustificationRecord(
                decision: .changeExam, staffID: staffID, entitlementID: entitlementID,
                guideline: GuidelineReference(id: "IRMER-DX-07", version: "3.2"), note: "Scaphoid series instead",
                originalExamCode: "XHAND", at: at(20)),
            booking: Booking(roomID: roomID, scheduledAt: scheduledAt, bookedBy: "desk.one", bookedAt: at(30)),
            arrivedAt: at(40),
            pauseAndCheck: PauseAndCheckRecord(
                identity: IdentityConfirmation(
                    identifiers: [.name, .dateOfBirth, .address], methods: [.verbal, .wristband], confirmedBy: staffID,
                    confirmedWith: "patient's daughter"),
                anatomy: AnatomyConfirmation(bodyPartConfirmed: true, side: .left),
                pregnancy: PregnancyEnquiry(
                    method: .interpreter, answer: .unsure, askedBy: staffID,
                    lastMenstrualPeriod: try CalendarDate(iso: "2026-11-10"),
                    breastfeeding: false,
                    override: PregnancyOverride(
                        practitionerStaffID: staffID, countersigningDoctorID: staffID,
                        reason: "Trauma, benefit outweighs risk", countersignedBy: "Dr A Khan (GMC 7123456)")),
                contrast: ContrastScreening(
                    previousReaction: true, previousReactionReviewedBy: staffID, allergiesOrAsthma: true,
                    diabetes: true,
                    renalDisease: false, knownLowEGFR: true,
                    latestEGFR: EGFRResult(value: 42.5, measuredAt: at(-3_600)),
                    onMetformin: true, metforminStopped: true, agent: "Omnipaque 300", batch: "B12-34",
                    volumeMillilitres: 75.5,
                    route: .intravenous, screenedBy: staffID),
                equipmentAndSettingsConfirmed: true, recordedBy: staffID, at: at(50)),
            performance: PerformanceRecord(
                operatorStaffID: staffID, supervisorStaffID: UUID(), entitlementID: entitlementID, roomID: roomID,
                startedAt: at(60), completedAt: at(70), completedBy: staffID,
                projections: [PerformedProjection(name: "PA", images: 2), PerformedProjection(name: "Lateral")],
                exposures: [
                    ExposureFigures(
                        projection: "PA", kilovolts: 55, milliampereSeconds: 2.5, doseAreaProductGyCm2: 0.011,
                        exposureIndex: 250, ctdiVolMilligray: 1.5, dlpMilligrayCm: 20, fluoroscopySeconds: 0.3)
                ]),
            imageChecks: [
                ImageCheckRecord(
                    checkedBy: staffID, diagnostic: false,
                    rejects: [ImageReject(projection: "PA", reason: .motion, repeated: true, note: "Patient moved")],
                    note: "Repeat PA", at: at(80)),
                ImageCheckRecord(checkedBy: staffID, diagnostic: true, rejects: [], note: nil, at: at(90)),
            ],
            dischargedAt: nil, closureReason: "Re-booked: patient unwell",
            history: [
                ExamStep(
                    action: nil, from: nil, to: .requested, at: at(10), actor: actor, roomID: nil,
                    note: "Requested by ED"),
                ExamStep(
                    action: .changeExam, from: .requested, to: .justified, at: at(20), actor: actor, roomID: nil,
                    note: nil),
                ExamStep(
                    action: .book, from: .justified, to: .booked, at: at(30), actor: actor, roomID: roomID,
                    note: "Slot 10:40"),
            ])
    }
}

/// A copy of `value` with `change` applied (keeps test values immutable, so closures may capture them).
func modified<T>(_ value: T, _ change: (inout T) throws -> Void) rethrows -> T {
    var copy = value
    try change(&copy)
    return copy
}
