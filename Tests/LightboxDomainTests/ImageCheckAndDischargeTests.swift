import Foundation
import LightboxDomain
import Testing

@Suite("Completion, image check and discharge")
struct ImageCheckAndDischargeTests {
    @Test("Completion needs the projections; exposure figures are optional but must be sensible")
    func completion() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.completeExam(.init(examID: exam.id, projections: []), by: f.radiographer)
        }
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.completeExam(
                .init(
                    examID: exam.id, projections: [PerformedProjection(name: "PA", images: 0)],
                    exposures: [ExposureFigures(kilovolts: -60, doseAreaProductGyCm2: .nan)]), by: f.radiographer)
        }
        #expect(
            Set(error?.fields.map(\.field) ?? []) == [
                "projections[0].images", "exposures[0].kilovolts", "exposures[0].doseAreaProductGyCm2",
            ])
        let done = try await f.department.completeExam(
            .init(
                examID: exam.id, projections: [PerformedProjection(name: "PA"), PerformedProjection(name: "Lateral")],
                exposures: [
                    ExposureFigures(projection: "PA", kilovolts: 55, milliampereSeconds: 2, doseAreaProductGyCm2: 0.02)
                ]),
            by: f.radiographer)
        #expect(done.value.performance?.projections.count == 2)
        #expect(done.value.performance?.exposures.first?.kilovolts == 55)
    }

    @Test("Carers and comforters are named, consenting, told the risks, and within the dose constraint")
    func carers() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .inProgress)
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.completeExam(
                .init(
                    examID: exam.id, projections: [PerformedProjection(name: "PA")],
                    carers: [
                        CarerRecord(
                            name: " ", consentGiven: false, informedOfRisks: false, estimatedDoseMilliSievert: nil)
                    ]),
                by: f.radiographer)
        }
        #expect(
            error?.fields.map(\.field) == [
                "carers[0].name", "carers[0].consentGiven", "carers[0].informedOfRisks",
                "carers[0].estimatedDoseMilliSievert",
            ])
        await f.expectRefused(.carerDoseConstraint) {
            _ = try await f.department.completeExam(
                .init(
                    examID: exam.id, projections: [PerformedProjection(name: "PA")],
                    carers: [
                        CarerRecord(
                            name: "Mum", consentGiven: true, informedOfRisks: true, estimatedDoseMilliSievert: 5.5)
                    ]),
                by: f.radiographer)
        }
        let done = try await f.department.completeExam(
            .init(
                examID: exam.id, projections: [PerformedProjection(name: "PA")],
                carers: [
                    CarerRecord(
                        name: "Mum", consentGiven: true, informedOfRisks: true, estimatedDoseMilliSievert: 0.001)
                ]),
            by: f.radiographer)
        #expect(done.value.performance?.carers.first?.name == "Mum")
    }

    @Test("The carer dose constraint is configuration")
    func carerConstraintConfigured() async throws {
        let f = try await Fixture.make(configuration: DepartmentConfiguration(carerDoseConstraintMilliSievert: 1))
        let exam = try await f.exam(at: .inProgress)
        await f.expectRefused(.carerDoseConstraint) {
            _ = try await f.department.completeExam(
                .init(
                    examID: exam.id, projections: [PerformedProjection(name: "PA")],
                    carers: [
                        CarerRecord(
                            name: "Dad", consentGiven: true, informedOfRisks: true, estimatedDoseMilliSievert: 2)
                    ]),
                by: f.radiographer)
        }
    }

    @Test("Someone who neither performed nor supervised must be entitled to complete")
    func completionByOther() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("CHEADN", at: .inProgress)
        await f.expectRefused(.entitlementMissing) { _ = try await f.complete(exam, by: f.radiographer2) }
        #expect(try await f.complete(exam, by: f.radiologist).state == .completed)
    }

    @Test("The assistant practitioner cannot check images: not by role, nor by an account with a checking role")
    func assistantCannotCheck() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .checked)
        let started = try await f.start(exam, by: f.assistant, supervisor: f.radiographer.staffID)
        let completed = try await f.complete(started, by: f.assistant)
        await f.expectRefused(.permissionDenied) { _ = try await f.checkImages(completed, by: f.assistant) }
        let misconfigured = Actor(staffID: f.assistant.staffID, username: "ap2", role: .radiographer, door: .web)
        let error = await f.expectRefused(.imageCheckerNotEligible) {
            _ = try await f.checkImages(completed, by: misconfigured)
        }
        #expect(error?.message.contains("assistant practitioner who took the images") == true)
        let studentAccount = Actor(staffID: f.student.staffID, username: "stu2", role: .radiographer, door: .web)
        await f.expectRefused(.imageCheckerNotEligible) { _ = try await f.checkImages(completed, by: studentAccount) }
        let checked = try await f.checkImages(completed, by: f.radiographer2)
        #expect(checked.imageChecks.last?.checkedBy == f.radiographer2.staffID)
    }

    @Test("An image checker needs a checking entitlement for the modality")
    func checkerEntitlement() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("CHEADN", at: .completed)
        await f.expectRefused(.entitlementMissing) { _ = try await f.checkImages(exam, by: f.radiographer2) }
    }

    @Test("Rejects carry a reason; \"other\" needs a note; a repeat needs to say why")
    func rejects() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .completed)
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.checkImages(
                .init(
                    examID: exam.id, diagnostic: true,
                    rejects: [ImageReject(projection: "PA", reason: .other, repeated: true)]),
                by: f.radiographer)
        }
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.checkImages(.init(examID: exam.id, diagnostic: false), by: f.radiographer)
        }
        let accepted = try await f.department.checkImages(
            .init(
                examID: exam.id, diagnostic: true,
                rejects: [
                    ImageReject(projection: "PA", reason: .motion, repeated: true),
                    ImageReject(projection: "Lateral", reason: .other, repeated: true, note: "Cast artefact"),
                ]), by: f.radiographer)
        #expect(accepted.value.imageChecks.first?.rejects.map(\.reason) == [.motion, .other])
        #expect(await f.store.state.audit.last?.detail.contains("motion") == true)
    }

    @Test("Discharge before the image check is refused", arguments: [ExamState.inProgress, .completed])
    func dischargeBeforeCheck(_ state: ExamState) async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: state)
        let error = await f.expectRefused(.imagesNotChecked) {
            _ = try await f.department.dischargePatient(.init(examID: exam.id), by: f.radiographer)
        }
        #expect(error?.kind == .conflict)
    }

    @Test("Discharge after the image check; a support worker may not discharge")
    func discharge() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .imagesChecked)
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.dischargePatient(.init(examID: exam.id), by: f.supportWorker)
        }
        let discharged = try await f.department.dischargePatient(.init(examID: exam.id), by: f.assistant)
        #expect(discharged.value.state == .discharged)
        #expect(discharged.value.dischargedAt == f.clock.now())
    }
}
