import Foundation
import LightboxDomain
import Synchronization
import Testing

/// A small department built through the use cases: staff of every kind with entitlements, rooms,
/// the sample catalogue, referrers and helpers to walk an exam along its journey.
struct Fixture {
    static let start = Date(timeIntervalSince1970: 1_795_514_400)  // 2026-11-24 10:00 UTC (GMT in London)
    static let today = CalendarDate(start, in: TimeZone(identifier: "Europe/London")!)

    let store: InMemoryDepartmentStore
    let clock: TestClock
    let department: Department
    let configuration: DepartmentConfiguration

    let manager = Actor(staffID: nil, username: "manager", role: .manager, door: .api, address: "127.0.0.1")
    let physicistActor = Actor(staffID: nil, username: "mpe", role: .physicist, door: .api)
    /// A modality reporting MPPS through the DICOM door.
    let modality = Actor(staffID: nil, username: "dicom:XR1", role: .integration, door: .dicom, address: "10.0.0.9")
    var radiographer: Actor
    var radiographer2: Actor
    var radiologist: Actor
    var assistant: Actor
    var student: Actor
    var apprentice: Actor
    var supportWorker: Actor
    var expiredRadiographer: Actor
    var futureRadiographer: Actor
    var lapsedRadiographer: Actor
    var referrerActor: Actor

    var gp: Referrer
    var edDoctor: Referrer
    var xrayRoom: Room
    var ctRoom: Room
    var mobileUnit: Room
    var fluoroRoom: Room
    var crRoom: Room

    static func make(configuration: DepartmentConfiguration = .default) async throws -> Fixture {
        let store = InMemoryDepartmentStore()
        let clock = TestClock(start)
        let department = Department(store: store, clock: clock, ids: SequentialIDs(), configuration: configuration)
        let manager = Actor(staffID: nil, username: "manager", role: .manager, door: .api, address: "127.0.0.1")
        _ = try await department.upsertCatalogueEntries(.init(entries: SampleCatalogue.entries), by: manager)

        let year: TimeInterval = 365 * 86_400
        let day: TimeInterval = 86_400
        func staff(_ username: String, _ profession: Profession, _ role: AccessRole, registrationExpires: Date? = nil)
            async throws -> Actor
        {
            var command = AddStaffMember.Command(
                name: PersonName(family: username.capitalized, given: ["Test"]), profession: profession)
            if let registrationExpires {
                command.registration = ProfessionalRegistration(
                    body: "HCPC", number: "RA\(username.count)", expires: registrationExpires)
            }
            let outcome = try await department.addStaffMember(command, by: manager)
            let member = outcome.value
            return Actor(staffID: member.id, username: username, role: role, door: .api, address: "10.0.0.1")
        }
        func grant(
            _ actor: Actor, _ duty: Duty, _ scope: ExamScope, starts: Date = start - year,
            expires: Date? = start + year,
            supervised: Bool = false
        ) async throws {
            _ = try await department.grantEntitlement(
                .init(
                    staffID: actor.staffID!, duty: duty, scope: scope, starts: starts, expires: expires,
                    supervisionRequired: supervised, trainingEvidence: "Competency assessment on file"), by: manager)
        }

        let radiographer = try await staff("rad", .radiographer, .radiographer, registrationExpires: start + year)
        for scope in [ExamScope(modality: .DX), ExamScope(modality: .CT)] {
            try await grant(radiographer, .operate, scope)
            try await grant(radiographer, .checkImages, scope)
        }
        try await grant(radiographer, .justify, ExamScope(modality: .DX))
        try await grant(radiographer, .authorise, ExamScope(modality: .CT))

        let radiographer2 = try await staff("rad2", .radiographer, .radiographer, registrationExpires: start + year)
        try await grant(radiographer2, .operate, ExamScope(modality: .DX))
        try await grant(radiographer2, .checkImages, ExamScope(modality: .DX))

        let radiologist = try await staff("doc", .radiologist, .radiologist, registrationExpires: start + year)
        for scope in [ExamScope(modality: .DX), ExamScope(modality: .CT)] {
            try await grant(radiologist, .justify, scope)
            try await grant(radiologist, .checkImages, scope)
            try await grant(radiologist, .operate, scope)
            try await grant(radiologist, .report, scope)
        }

        let assistant = try await staff("ap", .assistantPractitioner, .assistantPractitioner)
        try await grant(assistant, .operate, ExamScope(modality: .DX), supervised: true)
        let student = try await staff("stu", .student, .student)
        try await grant(student, .operate, ExamScope(modality: .DX), supervised: true)
        let apprentice = try await staff("appr", .apprentice, .apprentice)
        try await grant(apprentice, .operate, ExamScope(modality: .DX), supervised: true)
        let supportWorker = try await staff("isw", .imagingSupportWorker, .supportWorker)

        let expired = try await staff("old", .radiographer, .radiographer, registrationExpires: start + year)
        try await grant(expired, .operate, ExamScope(modality: .DX), expires: start - day)
        try await grant(expired, .justify, ExamScope(modality: .DX), expires: start - day)
        let future = try await staff("new", .radiographer, .radiographer, registrationExpires: start + year)
        try await grant(future, .operate, ExamScope(modality: .DX), starts: start + day)
        let lapsed = try await staff("lapsed", .radiographer, .radiographer, registrationExpires: start - day)
        try await grant(lapsed, .operate, ExamScope(modality: .DX))

        let gp = try await department.addReferrer(
            .init(
                name: PersonName(family: "Patel", given: ["Asha"], prefix: "Dr"), kind: .generalPractitioner,
                registrationNumber: "GMC7000001", organisationCode: "Y00001",
                scope: ReferralScope(rules: [ExamScope(modality: .DX)])), by: manager
        ).value
        let edDoctor = try await department.addReferrer(
            .init(
                name: PersonName(family: "Jones", given: ["Bryn"], prefix: "Dr"), kind: .doctor,
                registrationNumber: "GMC7000002", scope: .everything), by: manager
        ).value

        let xrayRoom = try await department.addRoom(.init(name: "X-ray 1", modality: .DX, aeTitle: "XR1"), by: manager)
            .value
        let crRoom = try await department.addRoom(.init(name: "X-ray 2 (CR)", modality: .CR), by: manager).value
        let ctRoom = try await department.addRoom(.init(name: "CT 1", modality: .CT), by: manager).value
        let mobile = try await department.addRoom(.init(name: "Mobile 1", modality: .DX, isMobile: true), by: manager)
            .value
        let fluoro = try await department.addRoom(.init(name: "Fluoro", modality: .RF), by: manager).value

        return Fixture(
            store: store, clock: clock, department: department, configuration: configuration,
            radiographer: radiographer, radiographer2: radiographer2, radiologist: radiologist, assistant: assistant,
            student: student, apprentice: apprentice, supportWorker: supportWorker, expiredRadiographer: expired,
            futureRadiographer: future, lapsedRadiographer: lapsed,
            referrerActor: Actor(staffID: nil, username: "gp", role: .referrer, door: .api),
            gp: gp, edDoctor: edDoctor, xrayRoom: xrayRoom, ctRoom: ctRoom, mobileUnit: mobile, fluoroRoom: fluoro,
            crRoom: crRoom)
    }

    private init(
        store: InMemoryDepartmentStore, clock: TestClock, department: Department,
        configuration: DepartmentConfiguration,
        radiographer: Actor, radiographer2: Actor, radiologist: Actor, assistant: Actor, student: Actor,
        apprentice: Actor, supportWorker: Actor, expiredRadiographer: Actor, futureRadiographer: Actor,
        lapsedRadiographer: Actor, referrerActor: Actor, gp: Referrer, edDoctor: Referrer, xrayRoom: Room,
        ctRoom: Room, mobileUnit: Room, fluoroRoom: Room, crRoom: Room
    ) {
        self.store = store
        self.clock = clock
        self.department = department
        self.configuration = configuration
        self.radiographer = radiographer
        self.radiographer2 = radiographer2
        self.radiologist = radiologist
        self.assistant = assistant
        self.student = student
        self.apprentice = apprentice
        self.supportWorker = supportWorker
        self.expiredRadiographer = expiredRadiographer
        self.futureRadiographer = futureRadiographer
        self.lapsedRadiographer = lapsedRadiographer
        self.referrerActor = referrerActor
        self.gp = gp
        self.edDoctor = edDoctor
        self.xrayRoom = xrayRoom
        self.ctRoom = ctRoom
        self.mobileUnit = mobileUnit
        self.fluoroRoom = fluoroRoom
        self.crRoom = crRoom
    }

    // MARK: Patients

    /// A valid NHS number built from a seed (first nine digits, then the check digit).
    static func nhsNumber(_ seed: Int) -> String {
        var base = 400_000_000 + seed * 7
        while true {
            let digits = String(base).compactMap(\.wholeNumberValue)
            if let check = NHSNumber.checkDigit(of: digits) { return String(base) + String(check) }
            base += 1
        }
    }

    private static let patientCounter = PatientCounter()

    /// Registers a patient aged `age` today (their birthday is today), or with the given date of birth.
    func patient(
        sex: AdministrativeSex = .female, age: Int = 30, dateOfBirth: CalendarDate? = nil,
        previousContrastReaction: Bool = false
    ) async throws -> Patient {
        let seed = Fixture.patientCounter.next()
        let dob =
            try dateOfBirth
            ?? CalendarDate(year: Fixture.today.year - age, month: Fixture.today.month, day: Fixture.today.day)
        return try await department.registerPatient(
            .init(
                nhsNumber: Fixture.nhsNumber(seed),
                hospitalNumbers: [HospitalNumber(value: "H\(seed)", issuingAuthority: "RXH")],
                name: PersonName(family: "Patient\(seed)", given: ["Alex"]), dateOfBirth: dob, sex: sex,
                address: PostalAddress(lines: ["\(seed) High Street", "Exeter"], postcode: "EX1 1AA"),
                previousContrastReaction: previousContrastReaction), by: manager
        ).value
    }

    static func identifiers(of patient: Patient) -> RequestIdentifiers {
        RequestIdentifiers(
            name: patient.name, dateOfBirth: patient.dateOfBirth, nhsNumber: patient.nhsNumber?.digits,
            hospitalNumber: patient.hospitalNumbers.first)
    }

    // MARK: The journey

    func request(
        _ code: String, for patient: Patient, laterality: Laterality? = nil, priority: Priority = .routine,
        referrer: Referrer? = nil
    ) async throws -> Exam {
        try await department.createRequest(
            .init(
                patientID: patient.id, identifiers: Fixture.identifiers(of: patient), examCode: code,
                laterality: laterality
                    ?? (SampleCatalogue.entries.first { $0.code == code }?.lateralityRequired == true ? .left : nil),
                clinicalQuestion: "Fracture?", referrerID: (referrer ?? edDoctor).id, priority: priority,
                pregnancyStatus: .no), by: radiologist
        ).value
    }

    func justify(_ exam: Exam) async throws -> Exam {
        try await department.justifyRequest(.init(examID: exam.id, decision: .accept), by: radiologist).value
    }

    func book(_ exam: Exam, room: Room? = nil) async throws -> Exam {
        let room = room ?? (exam.modality == .CT ? ctRoom : xrayRoom)
        return try await department.bookExam(
            .init(examID: exam.id, roomID: room.id, scheduledAt: clock.now() + 3600), by: supportWorker
        ).value
    }

    func arrive(_ exam: Exam) async throws -> Exam {
        try await department.recordArrival(.init(examID: exam.id), by: supportWorker).value
    }

    /// A Pause and Check that passes for an ordinary patient with no risk factors.
    func goodCheck(_ exam: Exam) -> RecordPauseAndCheck.Command {
        let entry = SampleCatalogue.entries.first { $0.code == exam.examCode }
        let lastPeriod = try? CalendarDate(iso: CalendarDate(clock.now() - 3 * 86_400, in: configuration.timeZone).iso)
        return RecordPauseAndCheck.Command(
            examID: exam.id,
            identity: IdentityConfirmation(
                identifiers: [.name, .dateOfBirth, .address], methods: [.verbal, .wristband]),
            anatomy: AnatomyConfirmation(bodyPartConfirmed: true, side: exam.laterality),
            pregnancy: PregnancyEnquiry(answer: .no, lastMenstrualPeriod: lastPeriod),
            contrast: entry?.contrast == nil ? nil : Fixture.cleanScreening(),
            equipmentAndSettingsConfirmed: true)
    }

    static func cleanScreening() -> ContrastScreening {
        ContrastScreening(
            previousReaction: false, allergiesOrAsthma: false, diabetes: false, renalDisease: false,
            knownLowEGFR: false,
            onMetformin: false, agent: "Iohexol 350", batch: "B1234", volumeMillilitres: 90)
    }

    func check(_ exam: Exam, by actor: Actor? = nil) async throws -> Exam {
        try await department.recordPauseAndCheck(goodCheck(exam), by: actor ?? radiographer).value
    }

    func start(_ exam: Exam, by actor: Actor? = nil, supervisor: UUID? = nil) async throws -> Exam {
        try await department.startExam(.init(examID: exam.id, supervisorStaffID: supervisor), by: actor ?? radiographer)
            .value
    }

    func complete(_ exam: Exam, by actor: Actor? = nil) async throws -> Exam {
        try await department.completeExam(
            .init(
                examID: exam.id, projections: [PerformedProjection(name: "AP"), PerformedProjection(name: "Lateral")]),
            by: actor ?? radiographer
        ).value
    }

    func checkImages(_ exam: Exam, by actor: Actor? = nil) async throws -> Exam {
        try await department.checkImages(.init(examID: exam.id, diagnostic: true), by: actor ?? radiographer).value
    }

    /// A new exam of `code` walked to `state` along the normal journey.
    func exam(_ code: String = "XWRIST", at state: ExamState, patient: Patient? = nil) async throws -> Exam {
        let who = try await patient.asyncOr { try await self.patient(sex: .male, age: 40) }
        var exam = try await request(code, for: who)
        let path: [ExamState] = [
            .justified, .booked, .arrived, .checked, .inProgress, .completed, .imagesChecked, .discharged,
        ]
        switch state {
        case .requested: return exam
        case .rejected:
            return try await department.justifyRequest(
                .init(examID: exam.id, decision: .reject, reason: "Not indicated"), by: radiologist
            ).value
        case .returnedForInformation:
            return try await department.justifyRequest(
                .init(examID: exam.id, decision: .requestInformation, reason: "Which side?"), by: radiologist
            ).value
        case .cancelled:
            return try await department.cancelExam(
                .init(examID: exam.id, reason: "Duplicate request"), by: radiographer
            ).value
        case .didNotAttend:
            exam = try await book(try await justify(exam))
            return try await department.recordDidNotAttend(.init(examID: exam.id, reason: "No show"), by: supportWorker)
                .value
        case .discontinued:
            exam = try await self.exam(code, at: .inProgress, patient: who)
            return try await department.discontinueExam(
                .init(examID: exam.id, reason: "Patient unwell"), by: radiographer
            ).value
        case .reported, .reportVerified:
            exam = try await self.exam(code, at: .discharged, patient: who)
            exam = try await department.recordReport(.init(examID: exam.id, text: "No fracture."), by: radiologist)
                .value
            if state == .reported { return exam }
            return try await department.verifyReport(.init(examID: exam.id), by: radiologist).value
        default:
            for next in path {
                switch next {
                case .justified: exam = try await justify(exam)
                case .booked: exam = try await book(exam)
                case .arrived: exam = try await arrive(exam)
                case .checked: exam = try await check(exam)
                case .inProgress: exam = try await start(exam)
                case .completed: exam = try await complete(exam)
                case .imagesChecked: exam = try await checkImages(exam)
                case .discharged:
                    exam = try await department.dischargePatient(.init(examID: exam.id), by: radiographer).value
                default: break
                }
                if next == state { return exam }
            }
            return exam
        }
    }

    private static let stepCounter = PatientCounter()

    /// An MPPS N-CREATE for the exam from the X-ray room's modality, naming `operatorName`.
    func modalityStart(_ exam: Exam, operatorName: PersonName? = nil, station: String = "XR1") -> ModalityStart {
        ModalityStart(
            sopInstanceUID: "1.2.826.0.1.3680043.10.1.\(Fixture.stepCounter.next())", stationAETitle: station,
            accessionNumber: exam.accessionNumber, studyInstanceUID: exam.studyInstanceUID,
            operatorName: operatorName)
    }

    // MARK: Refusals

    /// Runs `body`, expects a DomainError with `code`, and checks that nothing in the store changed
    /// (no record, no audit entry). Returns the error for further checks.
    @discardableResult
    func expectRefused(
        _ code: DomainError.Code, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async -> DomainError? {
        let before = await store.state
        do {
            try await body()
            Issue.record("expected \(code.rawValue), but the command succeeded", sourceLocation: sourceLocation)
            return nil
        } catch let error as DomainError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            let after = await store.state
            #expect(after == before, "a refused command changed the store", sourceLocation: sourceLocation)
            #expect(after.audit.count == before.audit.count, sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected DomainError \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}

final class PatientCounter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}

extension Optional {
    func asyncOr(_ make: () async throws -> Wrapped) async rethrows -> Wrapped {
        if let value = self { return value }
        return try await make()
    }
}
