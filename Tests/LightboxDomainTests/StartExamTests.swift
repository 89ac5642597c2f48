import Foundation
import LightboxDomain
import Testing

@Suite("Starting the exposure: scope of practice and supervision")
struct StartExamTests {
    @Test("A start before Pause and Check is refused", arguments: [ExamState.booked, .arrived])
    func beforeCheck(_ state: ExamState) async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: state)
        await f.expectRefused(.pauseAndCheckIncomplete) { _ = try await f.start(exam) }
    }

    @Test("An entitled radiographer starts; the entitlement used and the room are recorded")
    func radiographer() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        let started = try await f.start(exam)
        #expect(started.state == .inProgress)
        #expect(started.performance?.roomID == f.xrayRoom.id)
        #expect(started.performance?.supervisorStaffID == nil)
        #expect(started.history.last?.roomID == f.xrayRoom.id)
    }

    @Test("A support worker cannot start an exposure")
    func supportWorker() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        await f.expectRefused(.permissionDenied) { _ = try await f.start(exam, by: f.supportWorker) }
    }

    @Test("An expired, a not-yet-started and a missing entitlement each block")
    func entitlements() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        await f.expectRefused(.entitlementExpired) { _ = try await f.start(exam, by: f.expiredRadiographer) }
        await f.expectRefused(.entitlementNotYetValid) { _ = try await f.start(exam, by: f.futureRadiographer) }
        await f.expectRefused(.registrationExpired) { _ = try await f.start(exam, by: f.lapsedRadiographer) }
        let ct = try await f.exam("CHEADN", at: .checked)
        let error = await f.expectRefused(.entitlementMissing) { _ = try await f.start(ct, by: f.radiographer2) }
        #expect(error?.message.contains("not entitled to perform CT Head") == true)
    }

    @Test("The not-yet-started entitlement works once its start has passed")
    func startsLater() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        f.clock.advance(days: 2)
        #expect(try await f.start(exam, by: f.futureRadiographer).state == .inProgress)
    }

    @Test("An assistant practitioner needs a supervising radiographer recorded")
    func assistantPractitioner() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        let error = await f.expectRefused(.supervisionRequired) { _ = try await f.start(exam, by: f.assistant) }
        #expect(error?.message.contains("supervising radiographer") == true)
        await f.expectRefused(.supervisorNotEntitled) {
            _ = try await f.start(exam, by: f.assistant, supervisor: f.student.staffID)
        }
        await f.expectRefused(.supervisorNotEntitled) {
            _ = try await f.start(exam, by: f.assistant, supervisor: f.radiologist.staffID)
        }
        await f.expectRefused(.supervisorNotEntitled) {
            _ = try await f.start(exam, by: f.assistant, supervisor: f.assistant.staffID)
        }
        let started = try await f.start(exam, by: f.assistant, supervisor: f.radiographer.staffID)
        #expect(started.performance?.supervisorStaffID == f.radiographer.staffID)
        #expect(await f.store.state.audit.last?.detail.contains("supervised by") == true)
    }

    @Test("A student or apprentice needs a named supervisor who is themself entitled")
    func studentAndApprentice() async throws {
        let f = try await Fixture.make()
        for learner in [f.student, f.apprentice] {
            let exam = try await f.exam(at: .checked)
            await f.expectRefused(.supervisionRequired) { _ = try await f.start(exam, by: learner) }
            await f.expectRefused(.supervisorNotEntitled) {
                _ = try await f.start(exam, by: learner, supervisor: f.expiredRadiographer.staffID)
            }
            await f.expectRefused(.supervisorNotEntitled) {
                _ = try await f.start(exam, by: learner, supervisor: f.lapsedRadiographer.staffID)
            }
            await f.expectRefused(.supervisorNotEntitled) {
                _ = try await f.start(exam, by: learner, supervisor: f.supportWorker.staffID)
            }
            await f.expectRefused(.supervisorNotEntitled) {
                _ = try await f.start(exam, by: learner, supervisor: UUID())
            }
            #expect(try await f.start(exam, by: learner, supervisor: f.radiologist.staffID).state == .inProgress)
        }
    }

    @Test("A supervisor must be entitled for this exam's modality")
    func supervisorWrongModality() async throws {
        let f = try await Fixture.make()
        _ = try await f.department.grantEntitlement(
            .init(
                staffID: f.student.staffID!, duty: .operate, scope: ExamScope(modality: .CT),
                starts: Fixture.start - 86_400,
                expires: nil, supervisionRequired: true, trainingEvidence: "CT placement"), by: f.manager)
        let ct = try await f.exam("CHEADN", at: .checked)
        await f.expectRefused(.supervisorNotEntitled) {
            _ = try await f.start(ct, by: f.student, supervisor: f.radiographer2.staffID)
        }
        #expect(try await f.start(ct, by: f.student, supervisor: f.radiographer.staffID).state == .inProgress)
    }

    @Test("A room suspended after booking cannot be used; another suitable room can")
    func suspendedRoom() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        _ = try await f.department.setRoomStatus(
            .init(roomID: f.xrayRoom.id, status: .suspended, reason: "QA failure"), by: f.manager)
        await f.expectRefused(.roomSuspended) { _ = try await f.start(exam) }
        await f.expectRefused(.roomWrongModality) {
            _ = try await f.department.startExam(.init(examID: exam.id, roomID: f.ctRoom.id), by: f.radiographer)
        }
        let started = try await f.department.startExam(.init(examID: exam.id, roomID: f.crRoom.id), by: f.radiographer)
        #expect(started.value.performance?.roomID == f.crRoom.id)
    }
}
