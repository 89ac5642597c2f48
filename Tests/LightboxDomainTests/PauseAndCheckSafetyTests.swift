import Foundation
import LightboxDomain
import Testing

/// Issue 15 item 7: how the pregnancy question was asked; breastfeeding for nuclear medicine;
/// students and apprentices name their supervisor; an override's countersigning doctor is a
/// registered doctor known to Lightbox, never free text.
@Suite("Pause and Check: enquiry method, breastfeeding, supervision, countersignature")
struct PauseAndCheckSafetyTests {
    func arrived(_ f: Fixture, _ code: String, _ patient: Patient, room: Room? = nil) async throws -> Exam {
        try await f.arrive(try await f.book(try await f.justify(try await f.request(code, for: patient)), room: room))
    }

    @Test("The enquiry records how the question was asked; without it the check is refused")
    func enquiryMethod() async throws {
        let f = try await Fixture.make()
        let exam = try await arrived(f, "XPELVI", try await f.patient(sex: .female, age: 30))
        var command = f.goodCheck(exam)
        command.pregnancy?.method = nil
        let error = await f.expectRefused(.pregnancyEnquiryRequired) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["pregnancy.method"])
        command.pregnancy?.method = .interpreter
        let checked = try await f.department.recordPauseAndCheck(command, by: f.radiographer).value
        #expect(checked.pauseAndCheck?.pregnancy?.method == .interpreter)
        let audit = await f.store.state.audit.last?.detail ?? ""
        #expect(audit.contains("asked interpreter"), "\(audit)")
    }

    @Test("Nuclear medicine asks whether the patient is breastfeeding")
    func breastfeedingForNuclearMedicine() async throws {
        let f = try await Fixture.make()
        let bone = CatalogueEntry(
            code: "NBONE", name: "NM Bone scan", modality: .NM, bodyRegion: .wholeBody, projections: ["Whole body"],
            pregnancyRelevant: false)
        _ = try await f.department.upsertCatalogueEntries(.init(entries: [bone]), by: f.manager)
        let gamma = try await f.department.addRoom(.init(name: "Gamma camera", modality: .NM), by: f.manager).value
        for (who, duty) in [(f.radiologist, Duty.justify), (f.radiographer, .operate)] {
            _ = try await f.department.grantEntitlement(
                .init(
                    staffID: who.staffID!, duty: duty, scope: ExamScope(modality: .NM), starts: Fixture.start - 86_400,
                    expires: nil, trainingEvidence: "NM competency"), by: f.manager)
        }
        let exam = try await arrived(f, "NBONE", try await f.patient(sex: .female, age: 30), room: gamma)
        var command = f.goodCheck(exam)
        command.pregnancy?.breastfeeding = nil
        let error = await f.expectRefused(.pregnancyEnquiryRequired) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["pregnancy.breastfeeding"])
        command.pregnancy?.breastfeeding = true
        let checked = try await f.department.recordPauseAndCheck(command, by: f.radiographer).value
        #expect(checked.pauseAndCheck?.pregnancy?.breastfeeding == true)
        // Plain film does not ask it.
        let pelvis = try await arrived(f, "XPELVI", try await f.patient(sex: .female, age: 30))
        var plain = f.goodCheck(pelvis)
        plain.pregnancy?.breastfeeding = nil
        #expect(try await f.department.recordPauseAndCheck(plain, by: f.radiographer).value.state == .checked)
    }

    @Test("A student or apprentice recording Pause and Check names an entitled supervisor")
    func learnersNameTheirSupervisor() async throws {
        let f = try await Fixture.make()
        for learner in [f.student, f.apprentice] {
            let exam = try await f.exam(at: .arrived)
            let command = f.goodCheck(exam)
            await f.expectRefused(.supervisionRequired) {
                _ = try await f.department.recordPauseAndCheck(command, by: learner)
            }
            var supervised = command
            supervised.supervisorStaffID = f.supportWorker.staffID
            await f.expectRefused(.supervisorNotEntitled) {
                _ = try await f.department.recordPauseAndCheck(supervised, by: learner)
            }
            supervised.supervisorStaffID = f.radiographer.staffID
            let checked = try await f.department.recordPauseAndCheck(supervised, by: learner).value
            #expect(checked.pauseAndCheck?.supervisedBy == f.radiographer.staffID)
        }
    }

    @Test("An override is countersigned by a radiologist or medical referrer known to Lightbox, not by free text")
    func countersigningDoctorIsKnown() async throws {
        let f = try await Fixture.make()
        let exam = try await arrived(f, "XPELVI", try await f.patient(sex: .female, age: 30))
        var command = f.goodCheck(exam)
        command.pregnancy?.answer = .yes
        func override(_ doctor: UUID?, text: String? = nil) {
            command.pregnancy?.override = PregnancyOverride(
                practitionerStaffID: f.radiologist.staffID, countersigningDoctorID: doctor,
                reason: "Suspected perforation", countersignedBy: text)
        }
        let nurse = try await f.department.addReferrer(
            .init(
                name: PersonName(family: "Hughes", given: ["Ann"]), kind: .nonMedicalReferrer,
                registrationNumber: "NMC12A3456", scope: .everything), by: f.manager
        ).value
        for (doctor, text) in [
            (nil, "Dr A Patel GMC 7654321"), (UUID(), nil), (f.radiographer.staffID, nil), (nurse.id, nil),
        ] as [(UUID?, String?)] {
            override(doctor, text: text)
            let error = await f.expectRefused(.pregnancyUnresolved) {
                _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
            }
            #expect(error?.fields.map(\.field) == ["pregnancy.override.countersigningDoctorID"], "\(doctor as Any)")
        }
        override(f.radiologist.staffID, text: "someone else typed here")
        let checked = try await f.department.recordPauseAndCheck(command, by: f.radiographer).value
        let recorded = checked.pauseAndCheck?.pregnancy?.override?.countersignedBy ?? ""
        #expect(!recorded.contains("someone else"), "the name is taken from the doctor's record: \(recorded)")
        let registration = await f.store.state.staff[f.radiologist.staffID ?? UUID()]?.registration?.number
        #expect(registration.map { recorded.contains($0) } == true, "\(recorded)")
    }
}
