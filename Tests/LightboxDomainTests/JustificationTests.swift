import Foundation
import LightboxDomain
import Testing

@Suite("Justification and authorisation")
struct JustificationTests {
    @Test("A support worker cannot justify")
    func supportWorker() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .requested)
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.justifyRequest(.init(examID: exam.id, decision: .accept), by: f.supportWorker)
        }
    }

    @Test("A radiographer entitled for plain film justifies a wrist, but not a CT head")
    func scope() async throws {
        let f = try await Fixture.make()
        let wrist = try await f.exam("XWRIST", at: .requested)
        let justified = try await f.department.justifyRequest(
            .init(examID: wrist.id, decision: .accept), by: f.radiographer)
        #expect(justified.value.state == .justified)
        #expect(justified.value.justification?.guideline == nil)
        let head = try await f.exam("CHEADN", at: .requested)
        let error = await f.expectRefused(.entitlementMissing) {
            _ = try await f.department.justifyRequest(.init(examID: head.id, decision: .accept), by: f.radiographer)
        }
        #expect(error?.message.contains("CT Head") == true)
    }

    @Test("An expired entitlement blocks justification")
    func expired() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .requested)
        await f.expectRefused(.entitlementExpired) {
            _ = try await f.department.justifyRequest(
                .init(examID: exam.id, decision: .accept), by: f.expiredRadiographer)
        }
    }

    @Test("An entitlement is checked at the moment of acting: it expires between two decisions")
    func expiresLater() async throws {
        let f = try await Fixture.make()
        let first = try await f.exam(at: .requested)
        _ = try await f.department.justifyRequest(.init(examID: first.id, decision: .accept), by: f.radiographer)
        let second = try await f.exam(at: .requested)
        f.clock.advance(days: 400)
        await f.expectRefused(.registrationExpired) {
            _ = try await f.department.justifyRequest(.init(examID: second.id, decision: .accept), by: f.radiographer)
        }
    }

    @Test("A revoked entitlement blocks")
    func revoked() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .requested)
        let entitlements = try await f.department.browse.entitlements(staffID: f.radiographer.staffID, by: f.manager)
        for entitlement in entitlements where entitlement.duty == .justify {
            _ = try await f.department.revokeEntitlement(
                .init(entitlementID: entitlement.id, reason: "Left the trust"), by: f.manager)
        }
        await f.expectRefused(.entitlementExpired) {
            _ = try await f.department.justifyRequest(.init(examID: exam.id, decision: .accept), by: f.radiographer)
        }
    }

    @Test("An operator authorises under a named, versioned guideline, recorded on the exam and in the audit")
    func authorise() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("CHEADN", at: .requested)
        let guideline = GuidelineReference(id: "CT-HEAD-NICE-CG176", version: "3.1")
        let outcome = try await f.department.justifyRequest(
            .init(examID: exam.id, decision: .accept, guideline: guideline), by: f.radiographer)
        #expect(outcome.value.justification?.guideline == guideline)
        #expect(outcome.events.first?.name == "exam.authorised")
        let audit = await f.store.state.audit.last
        #expect(audit?.detail.contains("CT-HEAD-NICE-CG176 version 3.1") == true)
    }

    @Test("Authorisation needs the guideline's id and version, an authorise entitlement, and can only accept")
    func authoriseRules() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("CHEADN", at: .requested)
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.justifyRequest(
                .init(
                    examID: exam.id, decision: .reject, guideline: GuidelineReference(id: "G1", version: " "),
                    reason: "x"),
                by: f.radiographer)
        }
        #expect(Set(error?.fields.map(\.field) ?? []) == ["guideline", "guideline.version"])
        let wrist = try await f.exam("XWRIST", at: .requested)
        await f.expectRefused(.entitlementMissing) {
            _ = try await f.department.justifyRequest(
                .init(examID: wrist.id, decision: .accept, guideline: GuidelineReference(id: "G1", version: "1")),
                by: f.radiographer)
        }
    }

    @Test("Reject and return for information need a reason")
    func reasons() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .requested)
        for decision in [JustificationDecision.reject, .requestInformation, .changeExam] {
            await f.expectRefused(.validationFailed) {
                _ = try await f.department.justifyRequest(.init(examID: exam.id, decision: decision), by: f.radiologist)
            }
        }
        let returned = try await f.department.justifyRequest(
            .init(examID: exam.id, decision: .requestInformation, reason: "Mechanism of injury?"), by: f.radiologist)
        #expect(returned.value.state == .returnedForInformation)
        let resubmitted = try await f.department.resubmitRequest(
            .init(examID: exam.id, additionalInformation: "Fell on outstretched hand"), by: f.referrerActor)
        #expect(resubmitted.value.state == .requested)
        #expect(resubmitted.value.clinicalQuestion.contains("outstretched"))
    }

    @Test("Changing the exam records the original and checks entitlement for the new one")
    func changeExam() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("XWRIST", at: .requested)
        await f.expectRefused(.entitlementMissing) {
            _ = try await f.department.justifyRequest(
                .init(examID: exam.id, decision: .changeExam, newExamCode: "CHEADN", reason: "Head injury"),
                by: f.radiographer)
        }
        let changed = try await f.department.justifyRequest(
            .init(examID: exam.id, decision: .changeExam, newExamCode: "XSCAPH", reason: "Scaphoid tenderness"),
            by: f.radiologist)
        #expect(changed.value.examCode == "XSCAPH")
        #expect(changed.value.laterality == .left)
        #expect(changed.value.justification?.originalExamCode == "XWRIST")
    }

    @Test("A staff-less account cannot justify")
    func noStaffRecord() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .requested)
        let account = Actor(staffID: nil, username: "locum", role: .radiologist, door: .web)
        await f.expectRefused(.noStaffRecord) {
            _ = try await f.department.justifyRequest(.init(examID: exam.id, decision: .accept), by: account)
        }
    }
}
