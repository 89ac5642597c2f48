import Foundation
import LightboxDomain
import Testing

@Suite("The whole journey")
struct ExamJourneyTests {
    @Test("A wrist X-ray goes from request to discharge, every step in the history and the audit log")
    func fullJourney() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male, age: 40)
        let auditBefore = await f.store.state.audit.count
        let exam = try await f.exam("XWRIST", at: .discharged, patient: patient)
        #expect(exam.state == .discharged)
        #expect(
            exam.history.map(\.to) == [
                .requested, .justified, .booked, .arrived, .checked, .inProgress, .completed, .imagesChecked,
                .discharged,
            ])
        #expect(exam.history.allSatisfy { $0.door == .api })
        #expect(exam.justification?.staffID == f.radiologist.staffID)
        #expect(exam.performance?.operatorStaffID == f.radiographer.staffID)
        #expect(exam.imageChecks.first?.checkedBy == f.radiographer.staffID)
        #expect(exam.pauseAndCheck?.identity.confirmedBy == f.radiographer.staffID)
        #expect(exam.accessionNumber.count <= 16)

        let audit = await f.store.state.audit.dropFirst(auditBefore)
        #expect(
            audit.map(\.action) == [
                "exam.requested", "exam.justified", "exam.booked", "exam.arrived", "exam.checked", "exam.started",
                "exam.completed", "exam.images-checked", "exam.discharged",
            ])
        #expect(audit.allSatisfy { $0.examID == exam.id && $0.patientID == patient.id })
        #expect(audit.map(\.actorUsername).contains("isw"))
        let stored = await f.store.state.exams[exam.id]
        #expect(stored == exam)
    }

    @Test("Reporting: an entitled reporter reports with an alert; a supervised report is verified by someone else")
    func reporting() async throws {
        let f = try await Fixture.make()
        let trainee = try await f.department.addStaffMember(
            .init(
                name: PersonName(family: "Trainee", given: ["Rhys"]), profession: .reportingRadiographer,
                registration: ProfessionalRegistration(
                    body: "HCPC", number: "RA777", expires: Fixture.start + 86_400 * 365)),
            by: f.manager
        ).value
        _ = try await f.department.grantEntitlement(
            .init(
                staffID: trainee.id, duty: .report, scope: ExamScope(modality: .DX, bodyRegion: .upperLimb),
                starts: Fixture.start - 1, expires: nil, supervisionRequired: true, trainingEvidence: "PgCert, year 1"),
            by: f.manager)
        let traineeActor = Actor(staffID: trainee.id, username: "rrad", role: .reportingRadiographer, door: .web)
        let exam = try await f.exam("XWRIST", at: .imagesChecked)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.recordReport(.init(examID: exam.id, text: "Fracture"), by: traineeActor)
        }
        _ = try await f.department.dischargePatient(.init(examID: exam.id), by: f.radiographer)
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.recordReport(.init(examID: exam.id, text: "Fracture"), by: f.radiographer)
        }
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordReport(.init(examID: exam.id, text: "  "), by: traineeActor)
        }
        let reported = try await f.department.recordReport(
            .init(examID: exam.id, text: "Undisplaced scaphoid waist fracture.", alert: .urgent), by: traineeActor)
        #expect(reported.value.report?.alert == .urgent)
        #expect(reported.value.report?.needsIndependentVerification == true)
        await f.expectRefused(.entitlementMissing) {
            _ = try await f.department.verifyReport(.init(examID: exam.id), by: traineeActor)
        }
        let verified = try await f.department.verifyReport(.init(examID: exam.id), by: f.radiologist)
        #expect(verified.value.state == .reportVerified)
        #expect(verified.value.report?.verifiedBy == f.radiologist.staffID)
        let head = try await f.exam("CHEADN", at: .discharged)
        await f.expectRefused(.entitlementMissing) {
            _ = try await f.department.recordReport(.init(examID: head.id, text: "Normal"), by: traineeActor)
        }
    }

    @Test("Use cases return the events they caused")
    func events() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .justified)
        let outcome = try await f.department.bookExam(
            .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now()), by: f.supportWorker)
        #expect(outcome.events.count == 1)
        #expect(outcome.events.first?.name == "exam.booked")
        #expect(outcome.events.first?.fromState == .justified)
        #expect(outcome.events.first?.toState == .booked)
        #expect(outcome.value.booking?.roomID == f.xrayRoom.id)
    }

    @Test("Viewing a patient's record is audited as patient.read")
    func viewIsAudited() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        _ = try await f.exam(at: .booked, patient: patient)
        let before = await f.store.state.audit.count
        let record = try await f.department.viewPatientRecord(.init(patientID: patient.id), by: f.radiographer)
        #expect(record.value.exams.count == 1)
        let audit = await f.store.state.audit
        #expect(audit.count == before + 1)
        #expect(audit.last?.action == "patient.read")
        #expect(audit.last?.patientID == patient.id)
        #expect(audit.last?.actorRole == "radiographer")
        #expect(audit.last?.address == "10.0.0.1")
    }

    @Test("Searching and listing are audited; admin cannot read patients")
    func readsAudited() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let found = try await f.department.searchPatients(
            PatientQuery(nhsNumber: patient.nhsNumber), by: f.supportWorker)
        #expect(found.value.map(\.id) == [patient.id])
        #expect(await f.store.state.audit.last?.action == "patient.search")
        _ = try await f.department.listExams(ExamQuery(states: [.requested]), by: f.radiographer)
        #expect(await f.store.state.audit.last?.action == "exam.list")
        let admin = Actor(staffID: nil, username: "admin", role: .admin, door: .web)
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.viewPatientRecord(.init(patientID: patient.id), by: admin)
        }
    }

    @Test("A repeat sends the exam back to in progress; rejects keep their reasons")
    func repeatLoop() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .completed)
        let repeated = try await f.department.checkImages(
            .init(
                examID: exam.id, diagnostic: false,
                rejects: [ImageReject(projection: "Lateral", reason: .positioning, repeated: true)]), by: f.radiographer
        )
        #expect(repeated.value.state == .inProgress)
        _ = try await f.complete(repeated.value)
        let accepted = try await f.checkImages(repeated.value)
        #expect(accepted.state == .imagesChecked)
        #expect(accepted.imageChecks.count == 2)
        #expect(accepted.imageChecks.first?.rejects.first?.reason == .positioning)
    }
}
