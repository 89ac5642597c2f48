import Foundation
import LightboxDomain
import Testing

@Suite("MPPS steps for exams Lightbox does not know are held, and followed once linked")
struct HeldModalityStepTests {
    let rad = PersonName(family: "Rad", given: ["Test"])

    func start(_ uid: String = "1.2.826.0.1.3680043.10.543.77") -> ModalityStart {
        ModalityStart(sopInstanceUID: uid, stationAETitle: "XR1", accessionNumber: "EXT-1", operatorName: rad)
    }

    @Test("A held step keeps its N-SETs; linked, the exam is started and completed as the modality reported")
    func heldThenLinked() async throws {
        let f = try await Fixture.make()
        let d = f.department
        let receive = d.receiveModalityStep
        let reconcile = ReconcileModalityStep(d.environment)
        let exam = try await f.exam(at: .checked)
        let subject = HeldModalityStep.Subject(patientName: "DOE^Jane", patientID: "X1")
        guard case .held(let held) = try await receive.created(start(), subject: subject, by: f.modality) else {
            Issue.record("the step was not held")
            return
        }
        #expect(held.decision == .waiting && held.status == .inProgress && held.subject == subject)
        await f.expectRefused(.duplicate) { _ = try await receive.created(start(), subject: subject, by: f.modality) }
        let end = ModalityStepEnd(
            sopInstanceUID: start().sopInstanceUID, projections: [PerformedProjection(name: "PA", images: 2)],
            exposures: [ExposureFigures(doseAreaProductGyCm2: 0.012)], operatorName: rad)
        _ = try await receive.updated(end, status: .completed, by: f.modality)
        await f.expectRefused(.modalityStepClosed) {
            _ = try await receive.updated(end, status: .completed, by: f.modality)
        }
        await f.expectRefused(.modalityStepUnknown) {
            _ = try await receive.updated(
                ModalityStepEnd(sopInstanceUID: "1.2.3.4"), status: .completed, by: f.modality)
        }
        #expect(await f.store.state.exams[exam.id]?.state == .checked)

        // Only those who reconcile images decide; a cancelled exam cannot follow the step, changing nothing.
        await f.expectRefused(.permissionDenied) {
            _ = try await reconcile(.init(stepID: held.id, decision: .link(examID: exam.id)), by: f.modality)
        }
        let cancelled = try await f.exam(at: .cancelled)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await reconcile(.init(stepID: held.id, decision: .link(examID: cancelled.id)), by: f.radiographer)
        }
        let linked = try await reconcile(.init(stepID: held.id, decision: .link(examID: exam.id)), by: f.radiographer)
        #expect(linked.decision == .linked && linked.examID == exam.id)
        let followed = try #require(await f.store.state.exams[exam.id])
        #expect(followed.state == .completed)
        #expect(followed.modalityStep?.sopInstanceUID == start().sopInstanceUID)
        #expect(followed.modalityStep?.status == .completed)
        #expect(followed.performance?.projections == [PerformedProjection(name: "PA", images: 2)])
        #expect(followed.performance?.exposures.first?.doseAreaProductGyCm2 == 0.012)
        #expect(followed.performance?.completedBy == f.radiographer.staffID)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await reconcile(.init(stepID: held.id, decision: .link(examID: exam.id)), by: f.radiographer)
        }
        let audit = await f.store.state.audit.map(\.action).filter { $0.hasPrefix("mpps.") }
        #expect(audit == ["mpps.held", "mpps.held-updated", "mpps.held-linked"])
    }

    @Test("A rejected step needs a reason; the list shows only waiting steps, audited")
    func rejectAndList() async throws {
        let f = try await Fixture.make()
        let d = f.department
        let list = ListHeldModalitySteps(d.environment)
        let reconcile = ReconcileModalityStep(d.environment)
        guard case .held(let held) = try await d.receiveModalityStep.created(start(), subject: .init(), by: f.modality)
        else {
            Issue.record("the step was not held")
            return
        }
        #expect(try await list(by: f.radiographer).map(\.id) == [held.id])
        await f.expectRefused(.validationFailed) {
            _ = try await reconcile(.init(stepID: held.id, decision: .reject(reason: "  ")), by: f.radiographer)
        }
        let rejected = try await reconcile(
            .init(stepID: held.id, decision: .reject(reason: "Phantom exposure")), by: f.radiographer)
        #expect(rejected.decision == .rejected)
        #expect(try await list(by: f.radiographer).isEmpty)
        let audit = await f.store.state.audit.map(\.action).filter { $0.hasPrefix("mpps.") }
        #expect(audit == ["mpps.held", "mpps.held-read", "mpps.held-rejected", "mpps.held-read"])
    }
}
