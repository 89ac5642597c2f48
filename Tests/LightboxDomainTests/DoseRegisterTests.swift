import Foundation
import LightboxDomain
import Testing

/// Issue 16: the dose register on the in-memory store. Reports captured at ingest (through
/// ``ArchiveInstance``, as the DICOM door and STOW-RS run it), MPPS and entry are all kept; the record
/// takes RDSR over MPPS over headers over entry and flags disagreements; every exam is compared with
/// its DRLs and alerts are raised from the configured multiple and cumulative thresholds.
@Suite("Dose register")
struct DoseRegisterTests {
    typealias Setup = ArchiveTests.Setup

    static func report(
        _ source: DoseSource, uid: String, dap: Double? = nil, ctdiVol: Double? = nil, dlp: Double? = nil,
        fluoroSeconds: Double? = nil, exposures: Int? = nil
    ) -> DoseReport {
        var totals = DoseRecordTotals()
        totals.doseAreaProductGyCm2 = dap
        totals.ctdiVolMilligray = ctdiVol
        totals.ctdiVolPhantomDiameterCm = ctdiVol == nil ? nil : 16
        totals.dlpMilligrayCm = dlp
        totals.fluoroscopySeconds = fluoroSeconds
        totals.numberOfExposures = exposures
        var event = DoseEvent()
        event.uid = uid + ".1"
        event.doseAreaProductGyCm2 = dap
        event.ctdiVolMilligray = ctdiVol
        event.kilovolts = 120
        return DoseReport(
            source: source, sourceUID: uid, documentKind: source == .rdsr ? "xray-radiation-dose-sr" : "image-header",
            procedure: ctdiVol == nil ? .projection : .ct,
            equipment: DoseEquipment(manufacturer: "ACME", modelName: "X1"),
            totals: totals, events: [event], receivedAt: Date(timeIntervalSince1970: 0), receivedFrom: "")
    }

    func entry(_ exam: Exam, dap: Double, unit: String = "dGy.cm2", exposures: Int? = 1, fluoro: Double? = nil)
        -> RecordDoseEntry.Command
    {
        RecordDoseEntry.Command(
            examID: exam.id, doseAreaProduct: .init(dap, unit), fluoroscopyTime: fluoro.map { .init($0, "s") },
            numberOfExposures: exposures)
    }

    @Test("Entry, header and RDSR are all kept; the record takes RDSR over header over entry and flags disagreement")
    func precedenceAndDisagreement() async throws {
        let s = try await Setup()
        let patient = try await s.f.patient()
        let exam = try await s.f.exam("XCHEST", at: .inProgress, patient: patient)
        // 1.5 dGy·cm² typed: 0.15 Gy·cm², one radiograph: 1.36 × the national chest PA DRL (0.11).
        var saved = try await s.f.department.recordDoseEntry(entry(exam, dap: 1.5), by: s.f.radiographer).value
        #expect(saved.dose?.source == .entry)
        #expect(abs((saved.dose?.totals.doseAreaProductGyCm2 ?? 0) - 0.15) < 1e-12)
        let perRadiograph = try #require(saved.dose?.comparisons.first { $0.metric == .doseAreaProductPerRadiograph })
        #expect(abs(perRadiograph.ratio - 0.15 / 0.11) < 1e-9)
        #expect(perRadiograph.levelSource == .national)
        #expect(saved.dose?.openAlerts.count == 1)

        var header = Self.report(.imageHeader, uid: "1.2.826.0.1.3680043.10.1.1.1", dap: 0.1, exposures: 1)
        header.studyInstanceUID = exam.studyInstanceUID
        var attributes = s.attributes(patient, accession: exam.accessionNumber)
        attributes.dose = header
        _ = try await s.store(attributes)
        saved = try await s.f.department.viewExam(.init(examID: exam.id), by: s.f.radiographer).value
        #expect(saved.dose?.source == .imageHeader)
        #expect(saved.dose?.totals.doseAreaProductGyCm2 == 0.1)
        #expect(saved.dose?.discrepancies.map(\.otherSource) == [.entry])

        var rdsr = Self.report(.rdsr, uid: "1.2.826.0.1.3680043.10.1.2.1", dap: 0.104, exposures: 1)
        rdsr.studyInstanceUID = exam.studyInstanceUID
        attributes.seriesInstanceUID = "1.2.826.0.1.3680043.10.1.2"
        attributes.sopInstanceUID = "1.2.826.0.1.3680043.10.1.2.1"
        attributes.dose = rdsr
        _ = try await s.store(attributes)
        saved = try await s.f.department.viewExam(.init(examID: exam.id), by: s.f.radiographer).value
        let record = try #require(saved.dose)
        #expect(record.source == .rdsr)
        #expect(
            record.reports.map(\.source) == [.rdsr, .imageHeader, .entry], "every source kept, in precedence order")
        #expect(record.totals.doseAreaProductGyCm2 == 0.104)
        #expect(record.discrepancies.count == 1, "header within 10 %, entry not")
        #expect(record.discrepancies.first?.otherSource == .entry)
        #expect(record.equipment.description == "ACME X1")
        // The exposure record takes the register's figures, and the equipment the RDSR names.
        let items = try await s.f.department.viewExposureRecord(.init(examID: exam.id), by: s.f.manager).value.items
        let value = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0.value) })
        #expect(value["doseAreaProduct"] == "0.104 Gy·cm² (radiation dose structured report)")
        #expect(value["equipment"] == "ACME X1")
        #expect(value["kVAndMAs"]?.contains("120 kV") == true)
        // The same RDSR again changes nothing.
        let before = await s.f.store.read { $0.dose.records[exam.id] }
        _ = try await s.store(attributes)
        #expect(await s.f.store.read { $0.dose.records[exam.id] } == before)
        #expect(await s.audit().filter { $0 == "dose.recorded" }.count == 3)
    }

    @Test("MPPS dose attributes are a source at completion and discontinuation; a later RDSR takes precedence")
    func modalityStepsAreASource() async throws {
        let s = try await Setup()
        let f = s.f
        let patient = try await f.patient()
        let exam = try await f.exam("XCHEST", at: .checked, patient: patient)
        let start = f.modalityStart(exam)
        _ = try await f.department.startExam.fromModality(start, by: f.modality)
        let end = ModalityStepEnd(
            sopInstanceUID: start.sopInstanceUID, projections: [PerformedProjection(name: "PA", images: 1)],
            exposures: [ExposureFigures(doseAreaProductGyCm2: 0.08, fluoroscopySeconds: 3.5)])
        let completed = try await f.department.completeExam.fromModality(end, by: f.modality).value
        #expect(completed.dose?.source == .mpps)
        #expect(completed.dose?.totals.doseAreaProductGyCm2 == 0.08)
        #expect(completed.dose?.totals.fluoroscopySeconds == 3.5)
        #expect(completed.dose?.reports.first?.sourceUID == start.sopInstanceUID)

        var attributes = s.attributes(patient, accession: exam.accessionNumber, modality: "SR")
        attributes.dose = Self.report(.rdsr, uid: attributes.sopInstanceUID, dap: 0.1, exposures: 1)
        _ = try await s.store(attributes)
        let after = try await f.department.viewExam(.init(examID: exam.id), by: f.radiographer).value
        #expect(after.dose?.source == .rdsr)
        #expect(after.dose?.totals.doseAreaProductGyCm2 == 0.1)
        #expect(after.dose?.totals.fluoroscopySeconds == 3.5, "filled from the MPPS")
        #expect(after.dose?.filledFrom["fluoroscopy-time"] == .mpps)
        #expect(after.dose?.discrepancies.map(\.otherSource) == [.mpps], "0.1 and 0.08 are 20 % apart")

        let other = try await f.exam("XCHEST", at: .checked)
        let second = f.modalityStart(other)
        _ = try await f.department.startExam.fromModality(second, by: f.modality)
        let stopped = try await f.department.discontinueExam.fromModality(
            ModalityStepEnd(
                sopInstanceUID: second.sopInstanceUID, exposures: [ExposureFigures(doseAreaProductGyCm2: 0.05)],
                reason: "Patient unwell"), by: f.modality
        ).value
        #expect(stopped.state == .discontinued)
        #expect(stopped.dose?.source == .mpps && stopped.dose?.totals.doseAreaProductGyCm2 == 0.05)
    }

    @Test("Typed figures: units converted, a wrong unit or an implausible value refused with the field named")
    func entryChecks() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam("XCHEST", at: .inProgress)
        let command = RecordDoseEntry.Command(
            examID: exam.id, doseAreaProduct: .init(250, "mGy.cm2"), fluoroscopyTime: .init(2.5, "min"),
            numberOfExposures: 2, kilovolts: 80, milliampereSeconds: 4)
        let saved = try await f.department.recordDoseEntry(command, by: f.radiographer).value
        #expect(saved.dose?.totals.doseAreaProductGyCm2 == 0.25)
        #expect(saved.dose?.totals.fluoroscopySeconds == 150)
        #expect(saved.dose?.events.first?.kilovolts == 80)
        var wrong = command
        wrong.doseAreaProduct = .init(2, "mGy")
        var error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordDoseEntry(wrong, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["doseAreaProduct.unit"])
        var implausible = command
        implausible.doseAreaProduct = .init(5_000, "Gy.cm2")
        implausible.kilovolts = 400
        error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordDoseEntry(implausible, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["doseAreaProduct", "kilovolts"])
        var ct = RecordDoseEntry.Command(examID: exam.id, ctdiVol: .init(40, "mGy"))
        error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordDoseEntry(ct, by: f.radiographer)
        }
        #expect(error?.fields.map(\.field) == ["phantomDiameterCm"])
        ct.phantomDiameterCm = 16
        await f.expectRefused(.permissionDenied) { _ = try await f.department.recordDoseEntry(ct, by: f.supportWorker) }
        let booked = try await f.exam("XCHEST", at: .booked)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.recordDoseEntry(self.entry(booked, dap: 1), by: f.radiographer)
        }
    }

    @Test("An RDSR matching no exam waits with its study and is counted once the study is linked")
    func waitingReportCountedOnLink() async throws {
        let s = try await Setup()
        let patient = try await s.f.patient()
        let exam = try await s.f.justify(try await s.f.request("CHEADN", for: patient))
        var attributes = s.attributes(patient, accession: "NOT-AN-EXAM", modality: "SR")
        attributes.dose = Self.report(.rdsr, uid: attributes.sopInstanceUID, ctdiVol: 30, dlp: 500)
        let stored = try await s.store(attributes)
        #expect(stored.study.matchStatus == .unmatched)
        #expect(await s.f.store.read { $0.dose.reports.map(\.examID) } == [nil])
        #expect(await s.audit().contains("dose.report-waiting"))
        #expect(try await s.f.department.viewExam(.init(examID: exam.id), by: s.f.radiographer).value.dose == nil)
        _ = try await s.archive.reconcileStudy(
            .init(studyID: stored.study.id, decision: .link(examID: exam.id)), by: s.f.radiographer)
        let linked = try await s.f.department.viewExam(.init(examID: exam.id), by: s.f.radiographer).value
        #expect(linked.dose?.source == .rdsr)
        #expect(linked.dose?.totals.dlpMilligrayCm == 500)
        #expect(linked.dose?.comparisons.map(\.metric).sorted { $0.rawValue < $1.rawValue } == [.ctdiVol, .dlp])
        #expect(linked.dose?.alerts.isEmpty == true, "30 mGy and 500 mGy·cm are below the CT head DRL")
    }

    @Test("With dose capture off, an RDSR is archived and nothing of it enters the register; on, it does")
    func captureOffArchivesWithoutDose() async throws {
        for capture in [false, true] {
            let s = try await Setup(captureDose: capture)
            let patient = try await s.f.patient()
            let exam = try await s.f.exam("CHEADN", at: .inProgress, patient: patient)
            var attributes = s.attributes(patient, accession: exam.accessionNumber, modality: "SR")
            attributes.dose = Self.report(.rdsr, uid: attributes.sopInstanceUID, ctdiVol: 30, dlp: 500)
            let stored = try await s.store(attributes)
            #expect(stored.disposition == .stored)
            #expect(stored.study.examID == exam.id)
            let viewed = try await s.f.department.viewExam(.init(examID: exam.id), by: s.f.radiographer).value
            let reports = await s.f.store.read { $0.dose.reports.count }
            if capture {
                #expect(viewed.dose?.totals.dlpMilligrayCm == 500)
                #expect(reports == 1)
                #expect(await s.audit().contains("dose.recorded"))
            } else {
                #expect(viewed.dose == nil)
                #expect(reports == 0)
                #expect(await s.f.store.read { $0.dose.records.isEmpty })
                #expect(!(await s.audit().contains("dose.recorded")))
                #expect(await s.audit().contains("image.stored"))
            }
        }
    }

    @Test("Local DRLs: set by a clinical scientist only, applied before the national one; proposal is the median")
    func localLevels() async throws {
        let s = try await Setup()
        let f = s.f
        let scientist = try await f.department.addStaffMember(
            .init(name: PersonName(family: "Nair", given: ["Priya"]), profession: .clinicalScientist), by: f.manager
        ).value
        let command = ManageReferenceLevels.SetCommand(
            examCode: "CHEADN", roomID: f.ctRoom.id, ctdiVolMilligray: 40, dlpMilligrayCm: 600,
            signedOffBy: f.radiographer.staffID!, reason: "Audit 2026")
        var error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.referenceLevels.set(command, by: f.physicistActor)
        }
        #expect(error?.fields.map(\.field) == ["signedOffBy"])
        var bad = command
        bad.signedOffBy = scientist.id
        bad.dlpMilligrayCm = -1
        bad.examCode = "NOPE"
        error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.referenceLevels.set(bad, by: f.physicistActor)
        }
        #expect(error?.fields.map(\.field) == ["examCode", "dlpMilligrayCm"])
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.referenceLevels.set(bad, by: f.radiographer)
        }
        var good = command
        good.signedOffBy = scientist.id
        let level = try await f.department.referenceLevels.set(good, by: f.physicistActor)
        #expect(level.signedOffByName == scientist.name.display)
        let levels = try await f.department.referenceLevels.levels(by: f.physicistActor)
        #expect(levels.localInForce == [level] && levels.history == [level])
        #expect(levels.national.contains { $0.examCodes == ["CHEADN"] })

        // Three CT heads in the CT room: DLPs 500, 700, 650 against the local 600 (the national 790 is not the alert's).
        var dlps: [Double] = []
        for (index, dlp) in [500.0, 700, 650].enumerated() {
            let patient = try await f.patient()
            let exam = try await f.exam("CHEADN", at: .inProgress, patient: patient)
            var attributes = s.attributes(
                patient, accession: exam.accessionNumber, study: "1.2.826.0.1.3680043.10.9.\(index)",
                series: "1.2.826.0.1.3680043.10.9.\(index).1", instance: "1.2.826.0.1.3680043.10.9.\(index).1.1",
                modality: "SR")
            attributes.dose = Self.report(.rdsr, uid: attributes.sopInstanceUID, ctdiVol: 30, dlp: dlp)
            _ = try await s.store(attributes)
            let saved = try await f.department.viewExam(.init(examID: exam.id), by: f.radiographer).value
            let local = saved.dose?.comparisons.first { $0.levelSource == .local && $0.metric == .dlp }
            #expect(local?.ratio == dlp / 600)
            #expect(saved.dose?.comparisons.contains { $0.levelSource == .national && $0.metric == .dlp } == true)
            #expect(saved.dose?.openAlerts.map(\.metric) == (dlp > 600 ? [.dlp] : []))
            dlps.append(dlp)
        }
        let proposal = try await f.department.referenceLevels.propose(
            examCode: "CHEADN", roomID: f.ctRoom.id, by: f.physicistActor)
        #expect(proposal.examsFound == 3)
        let dlp = try #require(proposal.figures.first { $0.metric == .dlp })
        #expect(dlp.median == 650 && dlp.national == 790 && dlp.localInForce == 600)
        #expect(await s.audit().contains("dose.reference-level-set"))
    }

    @Test("Cumulative fluoroscopy DAP over the window raises one alert; acknowledging needs a comment and is audited")
    func cumulativeAndAcknowledgement() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        var exams: [Exam] = []
        for _ in 0..<3 {
            let exam = try await f.exam("XCHEST", at: .inProgress, patient: patient)
            // 90 Gy·cm² with 120 s of fluoroscopy each: 180 after two, 270 after three (threshold 200).
            exams.append(
                try await f.department.recordDoseEntry(
                    entry(exam, dap: 90, unit: "Gy.cm2", exposures: nil, fluoro: 120), by: f.radiographer
                ).value)
        }
        let alerts = try await f.department.listDoseAlerts(.init(), by: f.physicistActor)
        let cumulative = alerts.filter { $0.kind == .cumulative }
        #expect(cumulative.count == 1, "raised once in the window")
        let alert = try #require(cumulative.first)
        #expect(alert.examID == exams[2].id && alert.metric == .doseAreaProduct && alert.value == 270)
        #expect(Set(alert.examIDs) == Set(exams.map(\.id)))
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.acknowledgeDoseAlert(
                .init(alertID: alert.id, comment: " "), by: f.physicistActor)
        }
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.acknowledgeDoseAlert(
                .init(alertID: alert.id, comment: "ok"), by: f.supportWorker)
        }
        await f.expectRefused(.notFound) {
            _ = try await f.department.acknowledgeDoseAlert(
                .init(alertID: alert.id, comment: "ok", examID: exams[0].id), by: f.physicistActor)
        }
        let done = try await f.department.acknowledgeDoseAlert(
            .init(alertID: alert.id, comment: "Reviewed: complex case, skin check arranged"), by: f.physicistActor)
        #expect(done.acknowledgement?.username == "mpe")
        #expect(try await f.department.listDoseAlerts(.init(), by: f.physicistActor).allSatisfy { $0.id != alert.id })
        let exam = try await f.department.viewExam(.init(examID: exams[2].id), by: f.radiographer).value
        #expect(exam.dose?.alerts.first { $0.id == alert.id }?.acknowledgement != nil)
        let entry = await f.store.read { $0.audit.last }
        #expect(entry?.action == "exam.read")
        #expect(await f.store.read { $0.audit.contains { $0.action == "dose.alert-acknowledged" } })
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.acknowledgeDoseAlert(
                .init(alertID: alert.id, comment: "again"), by: f.physicistActor)
        }
    }

    @Test("The alert multiple is a threshold: raised to 2 ×, an exam at 1.4 × its DRL raises no alert")
    func alertMultipleIsConfiguration() async throws {
        var configuration = DepartmentConfiguration.default
        configuration.doseThresholds.referenceLevelAlertMultiple = 2
        let f = try await Fixture.make(configuration: configuration)
        let exam = try await f.exam("XCHEST", at: .inProgress)
        let saved = try await f.department.recordDoseEntry(entry(exam, dap: 1.5), by: f.radiographer).value
        #expect(saved.dose?.comparisons.isEmpty == false)
        #expect(saved.dose?.alerts.isEmpty == true)
        #expect(Threshold.named("doseThresholds.referenceLevelAlertMultiple") != nil)
    }
}
