import Foundation
import LightboxDomain
import Testing

@Suite("Thresholds with the MPE's sign-off")
struct ThresholdTests {
    /// A clinical scientist (the medical physics expert) and a radiographer on the staff list.
    func signers(_ f: Fixture) async throws -> (mpe: StaffMember, radiographer: StaffMember) {
        let mpe = try await f.department.addStaffMember(
            .init(
                name: PersonName(family: "Nair", given: ["Priya"]), profession: .clinicalScientist,
                registration: ProfessionalRegistration(
                    body: "HCPC", number: "CS12345", expires: Fixture.start + 365 * 86_400)),
            by: f.manager
        ).value
        let radiographer = try await f.department.addStaffMember(
            .init(name: PersonName(family: "Okafor", given: ["Grace"]), profession: .radiographer), by: f.manager
        ).value
        return (mpe, radiographer)
    }

    func command(
        _ name: String = "tenDayRuleDays", _ value: ThresholdValue = .single(8), from: Date = Fixture.start + 86_400,
        by signer: StaffMember
    ) -> SetThreshold.Command {
        SetThreshold.Command(
            name: name, value: value, effectiveFrom: from, signedOffBy: signer.id, reason: "MPE review of local rules")
    }

    @Test("A change with a future date is not in force before it and is from it, with history, signer and audit")
    func changeTakesEffectFromItsDate() async throws {
        let f = try await Fixture.make()
        let (mpe, _) = try await signers(f)
        let tomorrow = Fixture.start + 86_400
        let change = try await f.department.setThreshold(
            command("minimumPatientIdentifiers", .single(2), from: tomorrow, by: mpe), by: f.physicistActor)
        #expect(change.signedOffBy == mpe.id)
        #expect(change.signedOffByName == mpe.displayName)
        #expect(change.changedBy == "mpe")
        let audit = try #require(await f.store.state.audit.last)
        #expect(audit.action == "threshold.changed")
        #expect(audit.detail.contains("minimumPatientIdentifiers = 2") && audit.detail.contains(mpe.displayName))

        // Before the date the start-up value (3) still applies: two identifiers are refused.
        let patient = try await f.patient()
        func twoIdentifiers() -> CreateRequest.Command {
            CreateRequest.Command(
                patientID: patient.id,
                identifiers: RequestIdentifiers(name: patient.name, dateOfBirth: patient.dateOfBirth),
                examCode: "XPELVI", clinicalQuestion: "Hip pain after fall", referrerID: f.edDoctor.id,
                priority: .urgent, pregnancyStatus: .no)
        }
        _ = await f.expectRefused(.requestMissingIdentifiers) {
            _ = try await f.department.createRequest(twoIdentifiers(), by: f.orders)
        }
        var statuses = try await f.department.viewThresholds(by: f.radiographer)
        var status = try #require(statuses.first { $0.name == "minimumPatientIdentifiers" })
        #expect(status.current == .single(3) && status.defaultValue == .single(3) && status.source == .default)
        #expect(status.history == [change])

        // From the date, without a restart, the new value applies.
        f.clock.set(tomorrow)
        let exam = try await f.department.createRequest(twoIdentifiers(), by: f.orders).value
        #expect(exam.state == .requested)
        statuses = try await f.department.viewThresholds(by: f.radiographer)
        status = try #require(statuses.first { $0.name == "minimumPatientIdentifiers" })
        #expect(status.current == .single(2) && status.defaultValue == .single(3))
        #expect(status.source == .change && status.currentChange == change.id)
        let untouched = try #require(statuses.first { $0.name == "tenDayRuleDays" })
        #expect(untouched.source == .default && untouched.history.isEmpty)
    }

    @Test("The configuration in force overlays changes in date order and ignores those still to come")
    func configurationInForce() {
        let defaults = DepartmentConfiguration.default
        let signer = UUID()
        func change(_ value: ThresholdValue, _ from: Date, name: String = "pregnancyEnquiryAgeRange") -> ThresholdChange
        {
            ThresholdChange(
                id: UUID(), name: name, value: value, effectiveFrom: from, signedOffBy: signer, signedOffByName: "MPE",
                changedBy: "mpe", reason: "test", recordedAt: Fixture.start)
        }
        let changes = [
            change(.range(12, 48), Fixture.start + 2 * 86_400),
            change(.range(12, 50), Fixture.start + 86_400),
            change(.single(37.9), Fixture.start, name: "vitalSignRanges.temperature"),
        ]
        #expect(defaults.inForce(at: Fixture.start - 1, changes: changes) == defaults)
        #expect(defaults.inForce(at: Fixture.start + 86_400, changes: changes).pregnancyEnquiryAgeRange == 12...50)
        #expect(defaults.inForce(at: Fixture.start + 3 * 86_400, changes: changes).pregnancyEnquiryAgeRange == 12...48)
        // A stored value of the wrong shape never reaches a rule.
        #expect(
            defaults.inForce(at: Fixture.start + 86_400, changes: changes).vitalSignRanges == defaults.vitalSignRanges)
    }

    @Test("A pulse range widened by the MPE decides the alert from its date, through RecordVitalSigns")
    func vitalSignRangeApplies() async throws {
        let f = try await Fixture.make()
        let (mpe, _) = try await signers(f)
        let exam = try await f.exam(at: .inProgress)
        let from = f.clock.now() + 3600
        _ = try await f.department.setThreshold(
            command("vitalSignRanges.pulse", .range(51, 100), from: from, by: mpe), by: f.manager)
        func record(pulse: Int) async throws -> Int {
            let signs = VitalSigns(
                respiratoryRate: 16, oxygenSaturation: 98, systolicPressure: 128, diastolicPressure: 80, pulse: pulse,
                temperature: 36.8, alert: true, measuredAt: f.clock.now())
            return try await f.department.recordVitalSigns(
                .init(examID: exam.id, vitalSigns: signs), by: f.radiographer
            )
            .value.vitalSignsAlerts.count
        }
        // Before the date the NEWS2 default (51…90) applies: a pulse of 95 alerts.
        #expect(try await record(pulse: 95) == 1)
        f.clock.set(from)
        // From the date 95 is within range (no new alert); 101 is outside it and alerts.
        #expect(try await record(pulse: 95) == 1)
        #expect(try await record(pulse: 101) == 2)
        let inForce = try await f.department.viewThresholds.configurationInForce()
        #expect(inForce.vitalSignRanges.pulse == 51...100 && inForce.vitalSignRanges.respiratoryRate == 12...20)
    }

    @Test("Wrong name, shape, bounds, order, date, reason or signer: refused naming the field, nothing stored")
    func refusals() async throws {
        let f = try await Fixture.make()
        let (mpe, radiographer) = try await signers(f)
        func refused(_ command: SetThreshold.Command, field: String) async {
            let error = await f.expectRefused(.validationFailed) {
                _ = try await f.department.setThreshold(command, by: f.physicistActor)
            }
            #expect(error?.fields.map(\.field).contains(field) == true, "\(String(describing: error))")
        }
        await refused(command("tenDayRules", by: mpe), field: "name")
        await refused(command("tenDayRuleDays", .range(1, 10), by: mpe), field: "value")
        await refused(command("serviceHours", .single(8), by: mpe), field: "value")
        await refused(command("tenDayRuleDays", .single(100), by: mpe), field: "value")
        await refused(command("tenDayRuleDays", .single(9.5), by: mpe), field: "value")
        await refused(command("serviceHours", .range(20, 8), by: mpe), field: "upper")
        await refused(command("serviceHours", .range(8, 25), by: mpe), field: "upper")
        await refused(command(from: Fixture.start - 1, by: mpe), field: "effectiveFrom")
        await refused(command(by: radiographer), field: "signedOffBy")
        var unknownSigner = command(by: mpe)
        unknownSigner.signedOffBy = UUID()
        await refused(unknownSigner, field: "signedOffBy")
        var noReason = command(by: mpe)
        noReason.reason = "  "
        await refused(noReason, field: "reason")
        #expect(await f.store.state.thresholdChanges.isEmpty)

        // The accepted side of each: a known name, right shape, in bounds, from now, signed by the MPE.
        _ = try await f.department.setThreshold(command(from: Fixture.start, by: mpe), by: f.physicistActor)
        _ = try await f.department.setThreshold(
            command("serviceHours", .range(7, 21), by: mpe), by: f.physicistActor)
        _ = try await f.department.setThreshold(
            command("carerDoseConstraintMilliSievert", .single(2.5), by: mpe), by: f.physicistActor)
        #expect(await f.store.state.thresholdChanges.count == 3)
    }

    @Test("Only physicists and managers change thresholds; everyone with reference data sees them")
    func roles() async throws {
        let f = try await Fixture.make()
        let (mpe, _) = try await signers(f)
        for actor in [f.radiographer, f.radiologist, f.orders, f.referrerActor] {
            _ = await f.expectRefused(.permissionDenied) {
                _ = try await f.department.setThreshold(command(by: mpe), by: actor)
            }
        }
        _ = try await f.department.setThreshold(command(by: mpe), by: f.physicistActor)
        _ = try await f.department.setThreshold(command("tenDayRuleDays", .single(9), by: mpe), by: f.manager)
        let statuses = try await f.department.viewThresholds(by: f.radiologist)
        #expect(statuses.map(\.name) == Threshold.all.map(\.name))
        #expect(statuses.first { $0.name == "tenDayRuleDays" }?.history.count == 2)
    }
}
