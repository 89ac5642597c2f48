import Foundation
import LightboxDomain
import Testing

@Suite("Pause and Check")
struct PauseAndCheckTests {
    func days(_ f: Fixture, ago: Double) -> CalendarDate {
        CalendarDate(f.clock.now() - ago * 86_400, in: f.configuration.timeZone)
    }

    func arrived(_ f: Fixture, _ code: String, _ patient: Patient, priority: Priority = .routine, room: Room? = nil)
        async throws -> Exam
    {
        let exam = try await f.request(code, for: patient, priority: priority)
        return try await f.arrive(try await f.book(try await f.justify(exam), room: room))
    }

    // MARK: Identity, anatomy, equipment

    @Test("Identity needs 3 identifiers and how they were confirmed")
    func identity() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .arrived)
        var command = f.goodCheck(exam)
        command.identity = IdentityConfirmation(identifiers: [.name, .dateOfBirth, .name], methods: [])
        let error = await f.expectRefused(.identityNotConfirmed) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["identity.identifiers", "identity.methods"])
    }

    @Test("A mobile exam needs the wristband")
    func mobileWristband() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male)
        let exam = try await arrived(f, "XCHEST", patient, room: f.mobileUnit)
        var command = f.goodCheck(exam)
        command.identity.methods = [.verbal]
        await f.expectRefused(.identityNotConfirmed) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        command.identity.methods = [.wristband]
        #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
    }

    @Test("The side must match the request, the body part and equipment must be confirmed")
    func anatomyAndEquipment() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("XWRIST", at: .arrived)
        var command = f.goodCheck(exam)
        command.anatomy = AnatomyConfirmation(bodyPartConfirmed: false, side: .right)
        command.equipmentAndSettingsConfirmed = false
        let error = await f.expectRefused(.pauseAndCheckIncomplete) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(
            error?.fields.map(\.field) == [
                "anatomy.bodyPartConfirmed", "anatomy.side", "equipmentAndSettingsConfirmed",
            ])
        #expect(error?.fields.contains { $0.problem.contains("left") } == true)
    }

    @Test("Only an operator entitled for the exam records Pause and Check")
    func whoMayCheck() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("CHEADN", at: .arrived)
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.recordPauseAndCheck(f.goodCheck(exam), by: f.supportWorker)
        }
        await f.expectRefused(.entitlementMissing) {
            _ = try await f.department.recordPauseAndCheck(f.goodCheck(exam), by: f.radiographer2)
        }
    }

    @Test("Problems of several kinds are all named, under the general code")
    func mixed() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .female, age: 30)
        let exam = try await arrived(f, "XPELVI", patient)
        var command = f.goodCheck(exam)
        command.identity.identifiers = [.name]
        command.pregnancy = nil
        let error = await f.expectRefused(.pauseAndCheckIncomplete) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(Set(error?.fields.compactMap(\.code) ?? []) == [.identityNotConfirmed, .pregnancyEnquiryRequired])
    }

    // MARK: Pregnancy

    @Test(
        "The enquiry is required from 12 to 55 inclusive",
        arguments: [(11, false), (12, true), (55, true), (56, false)])
    func ageBoundaries(_ age: Int, _ required: Bool) async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .female, age: age)
        let exam = try await arrived(f, "XPELVI", patient)
        var command = f.goodCheck(exam)
        command.pregnancy = nil
        if required {
            await f.expectRefused(.pregnancyEnquiryRequired) {
                _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
            }
        } else {
            #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
        }
    }

    @Test("The day before the 12th birthday is still 11")
    func dayBeforeBirthday() async throws {
        let f = try await Fixture.make()
        let dob = try CalendarDate(
            year: Fixture.today.year - 12, month: Fixture.today.month, day: Fixture.today.day + 1)
        let patient = try await f.patient(sex: .female, dateOfBirth: dob)
        let exam = try await arrived(f, "XPELVI", patient)
        var command = f.goodCheck(exam)
        command.pregnancy = nil
        #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
    }

    @Test("The age range is configuration (RCR audit 12 to 50)")
    func configuredRange() async throws {
        let f = try await Fixture.make(configuration: DepartmentConfiguration(pregnancyEnquiryAgeRange: 12...50))
        let patient = try await f.patient(sex: .female, age: 52)
        let exam = try await arrived(f, "XPELVI", patient)
        var command = f.goodCheck(exam)
        command.pregnancy = nil
        #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
    }

    @Test("Not asked for a man, a chest, or someone recorded without childbearing potential; asked when sex unknown")
    func whoIsAsked() async throws {
        let f = try await Fixture.make()
        for (patient, code, required) in [
            (try await f.patient(sex: .male, age: 30), "XPELVI", false),
            (try await f.patient(sex: .female, age: 30), "XCHEST", false),
            (try await f.patient(sex: .unknown, age: 30), "XPELVI", true),
        ] {
            let exam = try await arrived(f, code, patient)
            var command = f.goodCheck(exam)
            command.pregnancy = nil
            if required {
                await f.expectRefused(.pregnancyEnquiryRequired) {
                    _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
                }
            } else {
                _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
            }
        }
        var details = PatientDetails(
            nhsNumber: Fixture.nhsNumber(999), name: PersonName(family: "Hyst", given: ["Jo"]),
            dateOfBirth: try CalendarDate(iso: "1990-01-01"), sex: .female, childbearingPotential: false,
            address: PostalAddress(lines: ["1 Road"], postcode: "EX2 2BB"))
        details.hospitalNumbers = [HospitalNumber(value: "H999", issuingAuthority: "RXH")]
        let noPotential = try await f.department.registerPatient(details, by: f.manager).value
        let exam = try await arrived(f, "XPELVI", noPotential)
        var command = f.goodCheck(exam)
        command.pregnancy = nil
        _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
    }

    @Test(
        "\"Yes\" or \"unsure\" stops the exam unless a practitioner overrides with a doctor's countersignature",
        arguments: [PregnancyAnswer.yes, .unsure])
    func yesOrUnsure(_ answer: PregnancyAnswer) async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .female, age: 30)
        let exam = try await arrived(f, "XPELVI", patient)
        var command = f.goodCheck(exam)
        command.pregnancy = PregnancyEnquiry(method: .direct, answer: answer)
        let error = await f.expectRefused(.pregnancyUnresolved) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(
            Set(error?.fields.map(\.field) ?? []) == [
                "pregnancy.override.practitionerStaffID", "pregnancy.override.countersigningDoctorID",
                "pregnancy.override.reason",
            ])

        command.pregnancy?.override = PregnancyOverride(
            practitionerStaffID: f.radiologist.staffID, countersigningDoctorID: nil,
            reason: "Suspected fracture, urgent")
        let noCountersignature = await f.expectRefused(.pregnancyUnresolved) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(noCountersignature?.fields.map(\.field) == ["pregnancy.override.countersigningDoctorID"])

        command.pregnancy?.override = PregnancyOverride(
            practitionerStaffID: f.assistant.staffID, countersigningDoctorID: f.edDoctor.id, reason: "Urgent")
        let notPractitioner = await f.expectRefused(.pregnancyUnresolved) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(notPractitioner?.fields.map(\.field) == ["pregnancy.override.practitionerStaffID"])

        command.pregnancy?.override = PregnancyOverride(
            practitionerStaffID: f.radiologist.staffID, countersigningDoctorID: f.edDoctor.id, reason: "Urgent")
        let checked = try await f.department.recordPauseAndCheck(command, by: f.radiographer).value
        #expect(checked.state == .checked)
        #expect(checked.pauseAndCheck?.pregnancy?.askedBy == f.radiographer.staffID)
        #expect(checked.pauseAndCheck?.pregnancy?.override?.countersignedBy?.contains("GMC7000002") == true)
    }

    @Test("High-dose exams follow the 10-day rule: day 9 goes ahead, day 10 and an unknown date need an override")
    func tenDayRule() async throws {
        let f = try await Fixture.make()
        for (lastPeriod, allowed) in [
            (days(f, ago: 0), true), (days(f, ago: 9), true), (days(f, ago: 10), false), (nil, false),
        ] {
            let patient = try await f.patient(sex: .female, age: 30)
            let exam = try await arrived(f, "CABPEL", patient)
            var command = f.goodCheck(exam)
            command.pregnancy = PregnancyEnquiry(method: .direct, answer: .no, lastMenstrualPeriod: lastPeriod)
            if allowed {
                #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
            } else {
                await f.expectRefused(.tenDayRule) {
                    _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
                }
                command.pregnancy?.override = PregnancyOverride(
                    practitionerStaffID: f.radiologist.staffID, countersigningDoctorID: f.edDoctor.id,
                    reason: "Suspected perforation; cannot wait")
                #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
            }
        }
    }

    @Test("The rule's length is configuration (a department using a 28-day rule)")
    func configuredTenDayRule() async throws {
        let f = try await Fixture.make(configuration: DepartmentConfiguration(tenDayRuleDays: 28))
        let patient = try await f.patient(sex: .female, age: 30)
        let exam = try await arrived(f, "CABPEL", patient)
        var command = f.goodCheck(exam)
        command.pregnancy = PregnancyEnquiry(method: .direct, answer: .no, lastMenstrualPeriod: days(f, ago: 20))
        #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
    }

    @Test("The 10-day rule does not apply to an ordinary-dose exam")
    func notHighDose() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .female, age: 30)
        let exam = try await arrived(f, "XPELVI", patient)
        var command = f.goodCheck(exam)
        command.pregnancy = PregnancyEnquiry(method: .direct, answer: .no, lastMenstrualPeriod: days(f, ago: 20))
        #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
    }

    // MARK: Contrast

    @Test("A contrast exam needs the screening, with agent, batch and volume")
    func contrastRequired() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male, age: 40)
        let exam = try await arrived(f, "CCHEST", patient)
        var command = f.goodCheck(exam)
        command.contrast = nil
        await f.expectRefused(.contrastScreeningRequired) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        var screening = Fixture.cleanScreening()
        screening.agent = nil
        screening.batch = " "
        screening.volumeMillilitres = 0
        command.contrast = screening
        let error = await f.expectRefused(.contrastScreeningRequired) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["contrast.agent", "contrast.batch", "contrast.volumeMillilitres"])
        command.contrast = Fixture.cleanScreening()
        let checked = try await f.department.recordPauseAndCheck(command, by: f.radiographer).value
        #expect(checked.pauseAndCheck?.contrast?.screenedBy == f.radiographer.staffID)
        #expect(checked.pauseAndCheck?.contrast?.route == .intravenous)
    }

    enum RiskFactor: String, CaseIterable {
        case ageOver70, knownLowEGFR, diabetes, renalDisease, intraArterial
    }

    @Test("Each renal risk factor alone needs a recent eGFR", arguments: RiskFactor.allCases)
    func riskFactor(_ factor: RiskFactor) async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male, age: factor == .ageOver70 ? 71 : 40)
        let exam = try await arrived(f, "CCHEST", patient)
        var command = f.goodCheck(exam)
        var screening = Fixture.cleanScreening()
        switch factor {
        case .ageOver70: break
        case .knownLowEGFR: screening.knownLowEGFR = true
        case .diabetes: screening.diabetes = true
        case .renalDisease: screening.renalDisease = true
        case .intraArterial: screening.route = .intraArterial
        }
        command.contrast = screening
        let error = await f.expectRefused(.contrastEGFRRequired) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["contrast.latestEGFR"])
        screening.latestEGFR = EGFRResult(value: 72, measuredAt: f.clock.now() - 10 * 86_400)
        command.contrast = screening
        #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
    }

    @Test("Age exactly 70 is not over 70")
    func seventy() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male, age: 70)
        let exam = try await arrived(f, "CCHEST", patient)
        #expect(
            try await f.department.recordPauseAndCheck(f.goodCheck(exam), by: f.radiographer).value.state == .checked)
    }

    @Test("A stale eGFR is refused: 90 days for outpatients, 7 for inpatients (configurable)")
    func staleEGFR() async throws {
        let f = try await Fixture.make()
        for (priority, age, allowed) in [
            (Priority.routine, 89.0, true), (.routine, 91.0, false), (.inpatient, 6.0, true), (.inpatient, 8.0, false),
            (.emergency, 8.0, false),
        ] {
            let patient = try await f.patient(sex: .male, age: 40)
            let exam = try await arrived(f, "CCHEST", patient, priority: priority)
            var command = f.goodCheck(exam)
            var screening = Fixture.cleanScreening()
            screening.diabetes = true
            screening.latestEGFR = EGFRResult(value: 80, measuredAt: f.clock.now() - age * 86_400)
            command.contrast = screening
            if allowed {
                #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
            } else {
                let error = await f.expectRefused(.contrastEGFRRequired) {
                    _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
                }
                #expect(error?.fields.first?.problem.contains("diabetes") == true)
            }
        }
    }

    @Test("Metformin must be stopped when eGFR is below 30")
    func metformin() async throws {
        let f = try await Fixture.make()
        for (eGFR, stopped, allowed) in [
            (25.0, false, false), (25.0, true, true), (30.0, false, true), (45.0, false, true),
        ] {
            let patient = try await f.patient(sex: .male, age: 40)
            let exam = try await arrived(f, "CCHEST", patient)
            var command = f.goodCheck(exam)
            var screening = Fixture.cleanScreening()
            screening.diabetes = true
            screening.onMetformin = true
            screening.metforminStopped = stopped
            screening.latestEGFR = EGFRResult(value: eGFR, measuredAt: f.clock.now() - 86_400)
            command.contrast = screening
            if allowed {
                #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
            } else {
                await f.expectRefused(.contrastMetformin) {
                    _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
                }
            }
        }
    }

    @Test("A previous contrast reaction on the record must be declared and reviewed by a practitioner")
    func previousReaction() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male, age: 40, previousContrastReaction: true)
        let exam = try await arrived(f, "CCHEST", patient)
        var command = f.goodCheck(exam)
        let error = await f.expectRefused(.contrastPreviousReaction) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["contrast.previousReaction", "contrast.previousReactionReviewedBy"])
        command.contrast?.previousReaction = true
        command.contrast?.previousReactionReviewedBy = f.radiographer2.staffID
        await f.expectRefused(.contrastPreviousReaction) {
            _ = try await f.department.recordPauseAndCheck(command, by: f.radiographer)
        }
        command.contrast?.previousReactionReviewedBy = f.radiologist.staffID
        #expect(try await f.department.recordPauseAndCheck(command, by: f.radiographer).value.state == .checked)
    }

    @Test("A contrast reaction is recorded on the exam and flags the patient, so the next screening must declare it")
    func reactionFlagsPatient() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male, age: 40)
        let wrist = try await f.exam("XWRIST", at: .inProgress, patient: patient)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.recordContrastReaction(
                .init(examID: wrist.id, severity: .mild, description: "Urticaria"), by: f.radiographer)
        }
        let ct = try await f.exam("CCHEST", at: .completed, patient: patient)
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordContrastReaction(
                .init(examID: ct.id, severity: .moderate, description: "Bronchospasm"), by: f.radiographer)
        }
        let outcome = try await f.department.recordContrastReaction(
            .init(examID: ct.id, severity: .moderate, description: "Bronchospasm", treatment: "Salbutamol nebuliser"),
            by: f.radiographer)
        #expect(outcome.value.state == .completed)
        #expect(outcome.value.contrastReactions.first?.severity == .moderate)
        #expect(await f.store.state.patients[patient.id]?.previousContrastReaction == true)
        #expect(await f.store.state.audit.suffix(2).map(\.action) == ["exam.contrast-reaction", "patient.flagged"])

        let next = try await arrived(f, "CCHEST", patient)
        await f.expectRefused(.contrastPreviousReaction) {
            _ = try await f.department.recordPauseAndCheck(f.goodCheck(next), by: f.radiographer)
        }
    }
}
