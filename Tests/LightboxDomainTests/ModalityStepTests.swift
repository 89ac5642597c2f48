import Foundation
import LightboxDomain
import Testing

@Suite("A modality's performed procedure steps (MPPS) drive the exam through the same use cases")
struct ModalityStepTests {
    let rad = PersonName(family: "Rad", given: ["Test"])

    @Test("A step for a checked exam by an entitled operator starts it on the pathway")
    func startOnPathway() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        let outcome = try await f.department.startExam.fromModality(
            f.modalityStart(exam, operatorName: rad), by: f.modality)
        let started = outcome.value
        #expect(started.state == .inProgress)
        #expect(started.history.last?.action == .start)
        #expect(started.history.last?.door == .dicom)
        #expect(started.outsidePathway == nil)
        #expect(started.performance?.operatorStaffID == f.radiographer.staffID)
        #expect(started.performance?.entitlementID != nil)
        #expect(started.modalityStep?.status == .inProgress)
        #expect(started.modalityStep?.stationAETitle == "XR1")
        #expect(outcome.events.map(\.name) == ["exam.started"])
    }

    @Test("A step before Pause and Check is accepted, flagged outside the pathway and audited")
    func noPauseAndCheck() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .booked)
        let started = try await f.department.startExam.fromModality(
            f.modalityStart(exam, operatorName: rad), by: f.modality
        ).value
        #expect(started.state == .inProgress)
        #expect(started.history.last?.action == .startOutsidePathway)
        let flag = try #require(started.outsidePathway)
        #expect(flag.breaches.map(\.code) == [.pauseAndCheckIncomplete])
        #expect(!flag.isResolved && flag.source == "MPPS from XR1")
        let audit = await f.store.state.audit.suffix(2).map(\.action)
        #expect(audit == ["exam.started-outside-pathway", "exam.outside-pathway"])
        let open = try await f.department.listExams(ExamQuery(outsidePathwayUnresolved: true), by: f.radiographer)
        #expect(open.value.map(\.id) == [exam.id])
    }

    @Test(
        "An operator who is not entitled, or not known, is flagged with the rule that was broken",
        arguments: [
            ("Old", DomainError.Code.entitlementExpired), ("Lapsed", .registrationExpired),
            ("Nobody", .noStaffRecord), ("Ap", .supervisionRequired),
        ])
    func operatorRules(_ family: String, _ code: DomainError.Code) async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        let started = try await f.department.startExam.fromModality(
            f.modalityStart(exam, operatorName: PersonName(family: family, given: ["Test"])), by: f.modality
        ).value
        #expect(started.state == .inProgress)
        #expect(started.outsidePathway?.breaches.map(\.code) == [code])
    }

    @Test("A step in a suspended room is accepted and flagged")
    func suspendedRoom() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        _ = try await f.department.setRoomStatus(
            .init(roomID: f.xrayRoom.id, status: .suspended, reason: "Tube failure"), by: f.manager)
        let started = try await f.department.startExam.fromModality(
            f.modalityStart(exam, operatorName: rad), by: f.modality
        ).value
        #expect(started.outsidePathway?.breaches.map(\.code) == [.roomSuspended])
    }

    @Test("Unknown exams, reused step UIDs, closed exams and other roles are refused, changing nothing")
    func refusals() async throws {
        let f = try await Fixture.make()
        let d = f.department
        await f.expectRefused(.notFound) {
            _ = try await d.startExam.fromModality(
                ModalityStart(sopInstanceUID: "1.2.3", stationAETitle: "XR1", accessionNumber: "LBNOSUCH"),
                by: f.modality)
        }
        let cancelled = try await f.exam(at: .cancelled)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await d.startExam.fromModality(f.modalityStart(cancelled, operatorName: rad), by: f.modality)
        }
        let exam = try await f.exam(at: .checked)
        let first = f.modalityStart(exam, operatorName: rad)
        _ = try await d.startExam.fromModality(first, by: f.modality)
        let other = try await f.exam(at: .checked)
        var reused = f.modalityStart(other, operatorName: rad)
        reused.sopInstanceUID = first.sopInstanceUID
        await f.expectRefused(.duplicate) { _ = try await d.startExam.fromModality(reused, by: f.modality) }
        await f.expectRefused(.permissionDenied) {
            _ = try await d.startExam.fromModality(f.modalityStart(other), by: f.radiographer)
        }
    }

    @Test("The exam is found by its Study Instance UID when the step has no accession number")
    func byStudyUID() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        var start = f.modalityStart(exam, operatorName: rad)
        start.accessionNumber = nil
        #expect(try await f.department.startExam.fromModality(start, by: f.modality).value.id == exam.id)
    }

    @Test("COMPLETED records the series and dose figures; later changes are refused (PS3.4 §F.7.2.2)")
    func complete() async throws {
        let f = try await Fixture.make()
        let d = f.department
        let exam = try await f.exam(at: .checked)
        let start = f.modalityStart(exam, operatorName: rad)
        _ = try await d.startExam.fromModality(start, by: f.modality)
        let end = ModalityStepEnd(
            sopInstanceUID: start.sopInstanceUID, projections: [PerformedProjection(name: "PA", images: 2)],
            exposures: [ExposureFigures(doseAreaProductGyCm2: 0.012, fluoroscopySeconds: 3.5)], operatorName: rad)
        let completed = try await d.completeExam.fromModality(end, by: f.modality).value
        #expect(completed.state == .completed)
        #expect(completed.performance?.projections == [PerformedProjection(name: "PA", images: 2)])
        #expect(completed.performance?.exposures.first?.doseAreaProductGyCm2 == 0.012)
        #expect(completed.performance?.completedBy == f.radiographer.staffID)
        #expect(completed.modalityStep?.status == .completed)
        #expect(completed.outsidePathway == nil)
        await f.expectRefused(.modalityStepClosed) { _ = try await d.completeExam.fromModality(end, by: f.modality) }
        await f.expectRefused(.modalityStepClosed) {
            _ = try await d.discontinueExam.fromModality(end, by: f.modality)
        }
        await f.expectRefused(.modalityStepUnknown) {
            _ = try await d.completeExam.fromModality(ModalityStepEnd(sopInstanceUID: "1.2.3.4"), by: f.modality)
        }
    }

    @Test("COMPLETED without a series or with a bad figure keeps what is valid and flags the rest")
    func completeBadRecord() async throws {
        let f = try await Fixture.make()
        let d = f.department
        let exam = try await f.exam(at: .checked)
        let start = f.modalityStart(exam, operatorName: rad)
        _ = try await d.startExam.fromModality(start, by: f.modality)
        let completed = try await d.completeExam.fromModality(
            ModalityStepEnd(
                sopInstanceUID: start.sopInstanceUID,
                exposures: [ExposureFigures(doseAreaProductGyCm2: -1), ExposureFigures(dlpMilligrayCm: 12)]),
            by: f.modality
        ).value
        #expect(completed.state == .completed)
        #expect(completed.performance?.exposures == [ExposureFigures(dlpMilligrayCm: 12)])
        #expect(completed.outsidePathway?.breaches.count == 2)
    }

    @Test("DISCONTINUED records the reason and what was given; the exam can be re-booked with the same study")
    func discontinue() async throws {
        let f = try await Fixture.make()
        let d = f.department
        let exam = try await f.exam(at: .checked)
        let start = f.modalityStart(exam, operatorName: rad)
        _ = try await d.startExam.fromModality(start, by: f.modality)
        let stopped = try await d.discontinueExam.fromModality(
            ModalityStepEnd(
                sopInstanceUID: start.sopInstanceUID, exposures: [ExposureFigures(doseAreaProductGyCm2: 0.02)],
                reason: "Patient taken ill"),
            by: f.modality
        ).value
        #expect(stopped.state == .discontinued)
        #expect(stopped.closureReason == "Patient taken ill")
        #expect(stopped.modalityStep?.discontinuationReason == "Patient taken ill")
        #expect(stopped.performance?.exposures.count == 1)
        await f.expectRefused(.imagesNotChecked) {
            _ = try await d.dischargePatient(.init(examID: exam.id), by: f.radiographer)
        }
        let rebooked = try await d.rebookExam(
            .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now() + 3600, reason: "Try again"),
            by: f.supportWorker
        ).value
        #expect(rebooked.state == .booked && rebooked.studyInstanceUID == exam.studyInstanceUID)
    }

    @Test("An N-SET while in progress records the series; a COMPLETED without any uses them")
    func progress() async throws {
        let f = try await Fixture.make()
        let d = f.department
        let exam = try await f.exam(at: .checked)
        let start = f.modalityStart(exam, operatorName: rad)
        _ = try await d.startExam.fromModality(start, by: f.modality)
        let series = [PerformedProjection(name: "PA", images: 1), PerformedProjection(name: "Lateral", images: 1)]
        let updated = try await d.recordModalityStepProgress(
            ModalityStepEnd(sopInstanceUID: start.sopInstanceUID, projections: series), by: f.modality
        ).value
        #expect(updated.state == .inProgress && updated.modalityStep?.reportedProjections == series)
        #expect(await f.store.state.audit.last?.action == "exam.modality-step-updated")
        let completed = try await d.completeExam.fromModality(
            ModalityStepEnd(sopInstanceUID: start.sopInstanceUID), by: f.modality
        ).value
        #expect(completed.performance?.projections == series)
        await f.expectRefused(.modalityStepClosed) {
            _ = try await d.recordModalityStepProgress(
                ModalityStepEnd(sopInstanceUID: start.sopInstanceUID), by: f.modality)
        }
    }

    @Test("DISCONTINUED without a reason says none was given")
    func discontinueNoReason() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        let start = f.modalityStart(exam, operatorName: rad)
        _ = try await f.department.startExam.fromModality(start, by: f.modality)
        let stopped = try await f.department.discontinueExam.fromModality(
            ModalityStepEnd(sopInstanceUID: start.sopInstanceUID), by: f.modality
        ).value
        #expect(stopped.closureReason == "Discontinued at XR1; the modality gave no reason")
    }

    @Test("A radiographer resolves a flagged start with what was done; others cannot")
    func resolve() async throws {
        let f = try await Fixture.make()
        let d = f.department
        let exam = try await f.exam(at: .booked)
        _ = try await d.startExam.fromModality(f.modalityStart(exam, operatorName: rad), by: f.modality)
        await f.expectRefused(.permissionDenied) {
            _ = try await d.resolveOutsidePathway(.init(examID: exam.id, resolution: "ok"), by: f.supportWorker)
        }
        await f.expectRefused(.validationFailed) {
            _ = try await d.resolveOutsidePathway(.init(examID: exam.id, resolution: "  "), by: f.radiographer)
        }
        let resolved = try await d.resolveOutsidePathway(
            .init(examID: exam.id, resolution: "Identity and anatomy confirmed after the exposure."), by: f.radiographer
        ).value
        #expect(resolved.outsidePathway?.isResolved == true)
        #expect(resolved.outsidePathway?.resolvedBy == f.radiographer.staffID)
        #expect(resolved.state == .inProgress)
        #expect(await f.store.state.audit.last?.action == "exam.outside-pathway-resolved")
        #expect(try await d.listExams(ExamQuery(outsidePathwayUnresolved: true), by: f.radiographer).value.isEmpty)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await d.resolveOutsidePathway(.init(examID: exam.id, resolution: "again"), by: f.radiographer)
        }
    }

    @Test("The desk can discontinue an exam in progress, with a reason")
    func deskDiscontinue() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.discontinueExam(.init(examID: exam.id, reason: ""), by: f.radiographer)
        }
        let stopped = try await f.department.discontinueExam(
            .init(examID: exam.id, reason: "Patient unwell"), by: f.radiographer
        ).value
        #expect(stopped.state == .discontinued)
    }
}
