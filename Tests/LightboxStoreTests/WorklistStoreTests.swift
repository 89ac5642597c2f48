import Foundation
import LightboxDomain
import SQLKit
import Testing

@testable import LightboxStore

/// The exam columns the DICOM door looks exams up by (Study Instance UID, MPPS instance UID, the open
/// outside-pathway flag, several rooms), and the worklist and MPPS use cases on each engine.
@Suite("Worklist and MPPS on the store")
struct WorklistStoreTests {
    @Test(
        "exams are found by study and performed step, and listed by rooms and open flag", arguments: TestEngine.allCases
    )
    func lookups(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let seed = try await RepositoryTests.seed(store)
            let otherRoom = Fixtures.room(name: "CT 1")
            let flagged = modified(
                try Fixtures.exam(
                    patientID: seed.patient.id, referrerID: seed.referrer.id, roomID: seed.room.id,
                    staffID: seed.staff.id, entitlementID: seed.entitlement.id, state: .inProgress,
                    requestedAt: Fixtures.at(10))
            ) { exam in
                exam.studyInstanceUID = StudyInstanceUID.make(from: exam.id)
                exam.modalityStep = ModalityProcedureStep(
                    sopInstanceUID: "1.2.826.0.1.3680043.10.543.7", stationAETitle: "XR1", startedAt: Fixtures.at(60))
                exam.outsidePathway = OutsidePathwayRecord(
                    breaches: [.init(code: .pauseAndCheckIncomplete, message: "No Pause and Check")],
                    flaggedAt: Fixtures.at(60), source: "MPPS from XR1")
                exam.booking?.performingStaffID = seed.staff.id
            }
            let plain = modified(
                try Fixtures.exam(
                    patientID: seed.patient.id, referrerID: seed.referrer.id, roomID: otherRoom.id,
                    staffID: seed.staff.id, entitlementID: seed.entitlement.id, state: .booked,
                    requestedAt: Fixtures.at(20))
            ) { exam in
                exam.studyInstanceUID = StudyInstanceUID.make(from: exam.id)
            }
            try await store.transaction { unit async throws in
                try await unit.rooms.insert(otherRoom)
                try await unit.exams.insert(flagged)
                try await unit.exams.insert(plain)
            }
            let flaggedUID = try #require(flagged.studyInstanceUID)
            try await store.transaction { unit async throws in
                #expect(try await unit.exams.get(flagged.id) == flagged)
                #expect(try await unit.exams.find(studyInstanceUID: flaggedUID) == flagged)
                #expect(try await unit.exams.find(studyInstanceUID: "1.2.3") == nil)
                #expect(try await unit.exams.find(modalityStepUID: "1.2.826.0.1.3680043.10.543.7") == flagged)
                #expect(try await unit.exams.find(modalityStepUID: "1.2.3") == nil)
                #expect(
                    try await unit.exams.list(ExamQuery(roomIDs: [seed.room.id, otherRoom.id])) == [flagged, plain])
                #expect(try await unit.exams.list(ExamQuery(roomIDs: [otherRoom.id])) == [plain])
                #expect(try await unit.exams.list(ExamQuery(roomIDs: [])) == [])
                #expect(try await unit.exams.list(ExamQuery(outsidePathwayUnresolved: true)) == [flagged])
                #expect(try await unit.exams.list(ExamQuery(outsidePathwayUnresolved: false)) == [plain])
            }
            let resolved = modified(flagged) { exam in
                exam.outsidePathway?.resolvedAt = Fixtures.at(90)
                exam.outsidePathway?.resolvedBy = seed.staff.id
                exam.outsidePathway?.resolution = "Checked afterwards"
            }
            try await store.transaction { unit async throws in try await unit.exams.update(resolved) }
            try await store.transaction { unit async throws in
                #expect(try await unit.exams.list(ExamQuery(outsidePathwayUnresolved: true)) == [])
                #expect(try await unit.exams.list(ExamQuery(outsidePathwayUnresolved: false)) == [resolved, plain])
            }
        }
    }

    @Test("the worklist, a suspension and an MPPS start outside the pathway, audited", arguments: TestEngine.allCases)
    func useCases(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let start = JourneyTests.start
            let department = Department(
                store: store, clock: JourneyTests.StepClock(start), ids: JourneyTests.RandomIDs())
            let manager = Actor(staffID: nil, username: "manager", role: .manager, door: .api, address: "127.0.0.1")
            _ = try await department.upsertCatalogueEntries(.init(entries: SampleCatalogue.entries), by: manager)
            let radiologistMember = try await department.addStaffMember(
                .init(
                    name: PersonName(family: "Doc", given: ["Test"]), profession: .radiologist,
                    registration: ProfessionalRegistration(body: "GMC", number: "GMC1", expires: start + 86_400 * 365)),
                by: manager
            ).value
            let radiologist = Actor(
                staffID: radiologistMember.id, username: "doc", role: .radiologist, door: .api)
            _ = try await department.grantEntitlement(
                .init(
                    staffID: radiologistMember.id, duty: .justify, scope: ExamScope(modality: .DX),
                    starts: start - 86_400, expires: start + 86_400 * 365, supervisionRequired: false,
                    trainingEvidence: "On file"), by: manager)
            let referrer = try await department.addReferrer(
                .init(
                    name: PersonName(family: "Jones", given: ["Bryn"], prefix: "Dr"), kind: .doctor,
                    registrationNumber: "GMC7000002", scope: .everything), by: manager
            ).value
            let room = try await department.addRoom(.init(name: "X-ray 1", modality: .DX, aeTitle: "XR1"), by: manager)
                .value
            let patient = try await department.registerPatient(
                .init(
                    nhsNumber: "9434765919", hospitalNumbers: [HospitalNumber(value: "H1", issuingAuthority: "RXH")],
                    name: PersonName(family: "Patient", given: ["Alex"]),
                    dateOfBirth: try CalendarDate(iso: "1986-05-01"), sex: .male,
                    address: PostalAddress(lines: ["1 High Street"], postcode: "EX1 1AA")), by: manager
            ).value
            var exams: [Exam] = []
            for _ in 0..<2 {
                var exam = try await department.createRequest(
                    .init(
                        patientID: patient.id,
                        identifiers: RequestIdentifiers(
                            name: patient.name, dateOfBirth: patient.dateOfBirth, nhsNumber: patient.nhsNumber?.digits,
                            hospitalNumber: patient.hospitalNumbers.first),
                        examCode: "XCHEST", clinicalQuestion: "Cough", referrerID: referrer.id, priority: .routine,
                        pregnancyStatus: .notApplicable), by: radiologist
                ).value
                exam = try await department.justifyRequest(.init(examID: exam.id, decision: .accept), by: radiologist)
                    .value
                exam = try await department.bookExam(
                    .init(examID: exam.id, roomID: room.id, scheduledAt: start + 3_600), by: manager
                ).value
                exams.append(exam)
            }
            let items = try await department.viewWorklist(WorklistQuery(stationAETitle: "XR1"), by: radiologist).value
            #expect(Set(items.map(\.exam.id)) == Set(exams.map(\.id)))
            #expect(items.allSatisfy { $0.exam.studyInstanceUID == StudyInstanceUID.make(from: $0.exam.id) })

            let modality = Actor(staffID: nil, username: "dicom:XR1", role: .integration, door: .dicom)
            let step = ModalityStart(
                sopInstanceUID: "1.2.826.0.1.3680043.10.543.99", stationAETitle: "XR1",
                studyInstanceUID: exams[0].studyInstanceUID, operatorName: PersonName(family: "Unknown", given: []))
            let started = try await department.startExam.fromModality(step, by: modality).value
            #expect(started.state == .inProgress)
            #expect(started.outsidePathway?.breaches.map(\.code) == [.pauseAndCheckIncomplete, .noStaffRecord])
            let open = try await department.listExams(ExamQuery(outsidePathwayUnresolved: true), by: radiologist)
            #expect(open.value.map(\.id) == [exams[0].id])

            _ = try await department.setRoomStatus(
                .init(roomID: room.id, status: .suspended, reason: "Detector fault"), by: manager)
            #expect(try await department.viewWorklist(WorklistQuery(), by: radiologist).value.isEmpty)
            #expect(try await department.listExamsToRebook(by: radiologist).value.map(\.exam.id) == [exams[1].id])

            let examID = exams[0].id
            let audit = try await store.transaction { unit async throws in
                try await unit.audit.entries(patientID: nil, examID: examID, afterSequence: nil, limit: 100)
            }
            #expect(audit.suffix(2).map(\.action) == ["exam.started-outside-pathway", "exam.outside-pathway"])
            _ = try await AuditVerifier(database: test.database).verify()
        }
    }
}
