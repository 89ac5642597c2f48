import Foundation
import LightboxDomain
import Testing

@Suite("Reference data")
struct ReferenceDataTests {
    @Test("Registering a patient checks the NHS number and refuses duplicates")
    func registerPatient() async throws {
        let f = try await Fixture.make()
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.registerPatient(
                PatientDetails(
                    nhsNumber: "9434765918", hospitalNumbers: [HospitalNumber(value: "H1", issuingAuthority: " ")],
                    name: PersonName(family: "", given: ["A"]), dateOfBirth: try CalendarDate(iso: "2099-01-01")),
                by: f.manager)
        }
        #expect(
            Set(error?.fields.map(\.field) ?? []) == [
                "name.family", "nhsNumber", "dateOfBirth", "hospitalNumbers[0].issuingAuthority",
            ])
        let first = try await f.department.registerPatient(
            PatientDetails(nhsNumber: "943 476 5919", name: PersonName(family: "Smith", given: ["Jo"])), by: f.manager)
        #expect(first.value.nhsNumber?.digits == "9434765919")
        #expect(await f.store.state.audit.last?.action == "patient.registered")
        await f.expectRefused(.duplicate) {
            _ = try await f.department.registerPatient(
                PatientDetails(nhsNumber: "9434765919", name: PersonName(family: "Other", given: ["Al"])), by: f.manager
            )
        }
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.registerPatient(
                PatientDetails(name: PersonName(family: "X", given: [])), by: f.referrerActor)
        }
    }

    @Test("Updating a patient is audited with what changed; a contrast reaction flag is never removed")
    func updatePatient() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(previousContrastReaction: true)
        var details = PatientDetails(
            nhsNumber: patient.nhsNumber?.digits, hospitalNumbers: patient.hospitalNumbers, name: patient.name,
            dateOfBirth: patient.dateOfBirth, sex: patient.sex,
            address: PostalAddress(lines: ["2 New Road"], postcode: "EX4 4QQ"), previousContrastReaction: false)
        details.alerts = ["Interpreter: Polish"]
        let updated = try await f.department.updatePatient(
            .init(patientID: patient.id, details: details), by: f.radiographer)
        #expect(updated.value.previousContrastReaction)
        #expect(updated.value.address?.postcode == "EX4 4QQ")
        let detail = await f.store.state.audit.last?.detail ?? ""
        #expect(detail.contains("address") && detail.contains("alerts"))
    }

    @Test("An entitlement needs a scope, training evidence and an expiry after its start")
    func grantRules() async throws {
        let f = try await Fixture.make()
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.grantEntitlement(
                .init(
                    staffID: f.radiographer2.staffID!, duty: .operate, scope: ExamScope(), starts: Fixture.start,
                    expires: Fixture.start - 1, trainingEvidence: " "), by: f.manager)
        }
        #expect(Set(error?.fields.map(\.field) ?? []) == ["scope", "expires", "trainingEvidence"])
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.grantEntitlement(
                .init(
                    staffID: f.assistant.staffID!, duty: .justify, scope: ExamScope(modality: .DX),
                    starts: Fixture.start,
                    expires: nil, trainingEvidence: "Course"), by: f.manager)
        }
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.grantEntitlement(
                .init(
                    staffID: f.supportWorker.staffID!, duty: .checkImages, scope: ExamScope(modality: .DX),
                    starts: Fixture.start, expires: nil, trainingEvidence: "Course"), by: f.manager)
        }
        await f.expectRefused(.unknownExam) {
            _ = try await f.department.grantEntitlement(
                .init(
                    staffID: f.radiographer2.staffID!, duty: .operate, scope: ExamScope(examCode: "NOPE"),
                    starts: Fixture.start, expires: nil, trainingEvidence: "Course"), by: f.manager)
        }
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.grantEntitlement(
                .init(
                    staffID: f.radiographer2.staffID!, duty: .operate, scope: ExamScope(modality: .CT),
                    starts: Fixture.start, expires: nil, trainingEvidence: "Course"), by: f.radiographer)
        }
    }

    @Test("An entitlement for one exam code covers only that exam")
    func examCodeScope() async throws {
        let f = try await Fixture.make()
        _ = try await f.department.grantEntitlement(
            .init(
                staffID: f.radiographer2.staffID!, duty: .operate, scope: ExamScope(examCode: "CHEADN"),
                starts: Fixture.start - 1, expires: nil, trainingEvidence: "CT head competency"), by: f.manager)
        let head = try await f.exam("CHEADN", at: .checked)
        #expect(try await f.start(head, by: f.radiographer2).state == .inProgress)
    }

    @Test("Staff: renewing a registration and deactivating someone")
    func staff() async throws {
        let f = try await Fixture.make()
        let members = try await f.department.browse.staff(by: f.radiographer)
        let lapsed = try #require(members.first { $0.id == f.lapsedRadiographer.staffID })
        let exam = try await f.exam(at: .checked)
        await f.expectRefused(.registrationExpired) { _ = try await f.start(exam, by: f.lapsedRadiographer) }
        _ = try await f.department.updateStaffMember(
            .init(
                staffID: lapsed.id, name: lapsed.name, profession: lapsed.profession, jobTitle: "Band 5",
                registration: ProfessionalRegistration(
                    body: "HCPC", number: "RA123", expires: Fixture.start + 86_400 * 365),
                active: true), by: f.manager)
        #expect(try await f.start(exam, by: f.lapsedRadiographer).state == .inProgress)
        let radiographer2 = try #require(members.first { $0.id == f.radiographer2.staffID })
        _ = try await f.department.updateStaffMember(
            .init(
                staffID: radiographer2.id, name: radiographer2.name, profession: .radiographer, jobTitle: nil,
                registration: radiographer2.registration, active: false), by: f.manager)
        let another = try await f.exam(at: .checked)
        await f.expectRefused(.staffInactive) { _ = try await f.start(another, by: f.radiographer2) }
    }

    @Test("A registered profession cannot act without a registration on record")
    func registrationMissing() async throws {
        let f = try await Fixture.make()
        let member = try await f.department.addStaffMember(
            .init(name: PersonName(family: "Unregistered", given: ["Pat"]), profession: .radiographer), by: f.manager
        ).value
        _ = try await f.department.grantEntitlement(
            .init(
                staffID: member.id, duty: .operate, scope: ExamScope(modality: .DX), starts: Fixture.start - 1,
                expires: nil, trainingEvidence: "Preceptorship"), by: f.manager)
        let actor = Actor(staffID: member.id, username: "pat", role: .radiographer, door: .web)
        let exam = try await f.exam(at: .checked)
        let error = await f.expectRefused(.registrationMissing) { _ = try await f.start(exam, by: actor) }
        #expect(error?.kind == .forbidden)
    }

    @Test("Rooms: names are unique, AE titles valid")
    func rooms() async throws {
        let f = try await Fixture.make()
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.addRoom(
                .init(name: "x-ray 1", modality: .DX, aeTitle: "A_TITLE_FAR_TOO_LONG"), by: f.manager)
        }
        #expect(error?.fields.map(\.field) == ["aeTitle", "name"])
        #expect(try await f.department.browse.rooms(by: f.supportWorker).count == 5)
    }

    @Test("Referrers need a registration number and a scope; duplicates refused")
    func referrers() async throws {
        let f = try await Fixture.make()
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.addReferrer(
                .init(
                    name: PersonName(family: "Nurse", given: ["N"]), kind: .nonMedicalReferrer, registrationNumber: "",
                    scope: ReferralScope()),
                by: f.manager)
        }
        #expect(Set(error?.fields.map(\.field) ?? []) == ["registrationNumber", "scope"])
        await f.expectRefused(.duplicate) {
            _ = try await f.department.addReferrer(
                .init(
                    name: PersonName(family: "Copy", given: []), kind: .doctor, registrationNumber: "GMC7000001",
                    scope: .everything),
                by: f.manager)
        }
    }

    @Test("A referrer's scope can be widened, and an inactive referrer cannot request")
    func updateReferrer() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male)
        await f.expectRefused(.referrerOutOfScope) { _ = try await f.request("CHEADN", for: patient, referrer: f.gp) }
        var command = UpdateReferrer.Command(
            referrerID: f.gp.id, name: f.gp.name, kind: f.gp.kind, organisationCode: f.gp.organisationCode,
            scope: ReferralScope(rules: [ExamScope(modality: .DX), ExamScope(examCode: "CHEADN")]), scopeExpires: nil,
            active: true)
        _ = try await f.department.updateReferrer(command, by: f.manager)
        _ = try await f.request("CHEADN", for: patient, referrer: f.gp)
        command.active = false
        _ = try await f.department.updateReferrer(command, by: f.manager)
        #expect(await f.store.state.audit.last?.action == "referrer.updated")
        await f.expectRefused(.referrerOutOfScope) { _ = try await f.request("XCHEST", for: patient, referrer: f.gp) }
    }

    @Test("A non-medical referrer's scope can expire")
    func referrerScopeExpiry() async throws {
        let f = try await Fixture.make()
        let nurse = try await f.department.addReferrer(
            .init(
                name: PersonName(family: "Reed", given: ["Sam"]), kind: .nonMedicalReferrer,
                registrationNumber: "NMC99A",
                scope: ReferralScope(rules: [ExamScope(modality: .DX, bodyRegion: .lowerLimb)]),
                scopeExpires: Fixture.start + 86_400), by: f.manager
        ).value
        let patient = try await f.patient(sex: .male)
        _ = try await f.request("XANKLE", for: patient, referrer: nurse)
        await f.expectRefused(.referrerOutOfScope) { _ = try await f.request("XWRIST", for: patient, referrer: nurse) }
        f.clock.advance(days: 2)
        await f.expectRefused(.referrerOutOfScope) { _ = try await f.request("XANKLE", for: patient, referrer: nurse) }
    }

    @Test("Catalogue upserts are validated as a batch and each audited")
    func catalogue() async throws {
        let f = try await Fixture.make()
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.upsertCatalogueEntries(
                .init(entries: [
                    CatalogueEntry(
                        code: "XTOES1", name: "XR Toes", modality: .DX, bodyRegion: .lowerLimb, projections: [],
                        pregnancyRelevant: false),
                    CatalogueEntry(
                        code: "xtoes1", name: String(repeating: "x", count: 41), modality: .DX, bodyRegion: .lowerLimb,
                        projections: ["DP"], pregnancyRelevant: false),
                ]), by: f.manager)
        }
        #expect(
            Set(error?.fields.map(\.field) ?? []) == ["entries[0].projections", "entries[1].code", "entries[1].name"])
        let before = await f.store.state.audit.count
        let saved = try await f.department.upsertCatalogueEntries(
            .init(entries: [
                CatalogueEntry(
                    code: "xtoes1", name: "XR Toes", modality: .DX, bodyRegion: .lowerLimb,
                    projections: ["DP", "Oblique"], lateralityRequired: true, pregnancyRelevant: false)
            ]), by: f.physicistActor)
        #expect(saved.value.first?.code == "XTOES1")
        #expect(await f.store.state.audit.count == before + 1)
        #expect(try await f.department.browse.catalogue(by: f.referrerActor).contains { $0.code == "XTOES1" })
    }

    @Test("The sample catalogue has DOMAIN.md's exams with NICIP-style codes and projections")
    func sampleCatalogue() {
        let entries = SampleCatalogue.entries
        #expect(entries.count == 19)
        #expect(Set(entries.map(\.code)).count == entries.count)
        for entry in entries {
            #expect(entry.code.count == 6 && entry.code.allSatisfy { $0.isUppercase })
            #expect(entry.code.first == (entry.modality == .CT ? "C" : "X"))
            #expect(entry.name.count <= 40)
            #expect(!entry.projections.isEmpty)
        }
        let shoulder = entries.first { $0.code == "XSHOUL" }
        #expect(shoulder?.projections == ["AP", "Y-view", "Axial (trauma)"])
        #expect(entries.first { $0.code == "XCHEST" }?.pregnancyRelevant == false)
        #expect(entries.first { $0.code == "CABPEL" }?.highDose == true)
        #expect(entries.first { $0.code == "CPULMA" }?.contrast == .intravenous)
    }

    @Test("The UK national DRLs ship as the default configuration")
    func drls() {
        let levels = DepartmentConfiguration.default.diagnosticReferenceLevels
        #expect(levels.count == 21)
        #expect(levels.first { $0.examType == "CTPA" }?.ctdiVolMilligray == 9.1)
        #expect(levels.first { $0.examType == "CT chest-abdomen-pelvis" }?.ctdiVolMilligray == nil)
        #expect(levels.first { $0.examType == "Chest PA" }?.dapGyCm2PerRadiograph == 0.11)
        let config = DepartmentConfiguration.default
        #expect(config.pregnancyEnquiryAgeRange == 12...55)
        #expect(config.tenDayRuleDays == 10)
        #expect(config.renalRiskEGFRBelow == 60)
        #expect(config.metforminEGFRBelow == 30)
        #expect(config.renalRiskAgeOver == 70)
        #expect(config.carerDoseConstraintMilliSievert == 5)
    }
}
