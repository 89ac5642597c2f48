import Foundation
import LightboxDomain
import Testing

/// Issue 16, per-patient dose history: effective dose estimated per exam from the configured coefficient
/// of its type (exam code before body region), with the arithmetic shown, and the patient's cumulative
/// totals over the configured windows. Figures below are worked by hand.
@Suite("Patient dose history")
struct PatientDoseHistoryTests {
    static let moment = Date(timeIntervalSince1970: 1_795_514_400)

    static func record(
        _ code: String, _ modality: Modality, procedure: DoseProcedure?, configure: (inout DoseRecordTotals) -> Void
    ) -> ExamDoseRecord {
        var totals = DoseRecordTotals()
        configure(&totals)
        return ExamDoseRecord(
            examID: UUID(), patientID: UUID(), examCode: code, modality: modality, roomID: nil, performedAt: moment,
            source: .entry, procedure: procedure, totals: totals, updatedAt: moment)
    }

    @Test(
        "Estimates: DLP × k for CT, DAP × coefficient for radiography, 0.12 × the mean glandular dose of both breasts")
    func estimates() throws {
        let defaults = EffectiveDoseCoefficients()
        let head = Self.record("CHEADN", .CT, procedure: .ct) { $0.dlpMilligrayCm = 800 }
        let ct = try EffectiveDoseEstimate.estimate(head, bodyRegion: .head, ageYears: 40, coefficients: defaults)
            .get()
        // 800 mGy·cm × 0.0021 mSv/(mGy·cm) = 1.68 mSv (AAPM Report 96, adult head).
        #expect(abs(ct.milliSievert - 1.68) < 1e-9)
        #expect(ct.arithmetic == "DLP 800 mGy·cm × 0.0021 mSv per mGy·cm = 1.68 mSv")
        #expect(ct.coefficient.source == EffectiveDoseCoefficients.aapm96)
        #expect(!ct.adultCoefficientForChild)

        let chest = Self.record("XCHEST", .DX, procedure: .projection) { $0.doseAreaProductGyCm2 = 0.12 }
        let dx = try EffectiveDoseEstimate.estimate(chest, bodyRegion: .chest, ageYears: 40, coefficients: defaults)
            .get()
        // 0.12 Gy·cm² × 0.18 mSv/(Gy·cm²) = 0.0216 mSv.
        #expect(abs(dx.milliSievert - 0.0216) < 1e-12)
        #expect(dx.metric == .doseAreaProduct)

        let mammo = Self.record("MMAMMO", .MG, procedure: .mammography) {
            $0.averageGlandularDose = [
                BreastGlandularDose(laterality: "left", milligray: 1.4),
                BreastGlandularDose(laterality: "right", milligray: 1.2),
            ]
        }
        let mg = try EffectiveDoseEstimate.estimate(mammo, bodyRegion: .breast, ageYears: 52, coefficients: defaults)
            .get()
        // (1.4 + 1.2) / 2 = 1.3 mGy over both breasts × 0.12 = 0.156 mSv.
        #expect(abs(mg.milliSievert - 0.156) < 1e-12)

        // A child is estimated with the adult coefficient, and flagged; 16 is an adult by default.
        #expect(
            try EffectiveDoseEstimate.estimate(head, bodyRegion: .head, ageYears: 10, coefficients: defaults).get()
                .adultCoefficientForChild)
        #expect(
            try !EffectiveDoseEstimate.estimate(head, bodyRegion: .head, ageYears: 16, coefficients: defaults).get()
                .adultCoefficientForChild)
    }

    @Test("The exam code's own coefficient wins over its region's; no coefficient or no figure says why")
    func coefficientsAreConfiguration() throws {
        var configured = EffectiveDoseCoefficients()
        configured.coefficients.append(
            EffectiveDoseCoefficient(
                procedure: .ct, examCode: "CHEADN", milliSievertPerUnit: 0.0019, source: "Local PCXMC audit 2026"))
        let head = Self.record("CHEADN", .CT, procedure: .ct) { $0.dlpMilligrayCm = 800 }
        let own = try EffectiveDoseEstimate.estimate(head, bodyRegion: .head, ageYears: 40, coefficients: configured)
            .get()
        #expect(abs(own.milliSievert - 1.52) < 1e-9)
        #expect(own.coefficient.source == "Local PCXMC audit 2026")

        let bone = Self.record("NMBONE", .NM, procedure: .nuclearMedicine) { $0.administeredActivityMBq = 600 }
        let none = EffectiveDoseEstimate.estimate(bone, bodyRegion: .wholeBody, ageYears: 40, coefficients: configured)
        #expect(
            none
                == .failure(
                    .init("no effective dose coefficient for nuclear medicine of NMBONE and body region whole body")))
        let onlyCTDI = Self.record("CHEADN", .CT, procedure: .ct) { $0.ctdiVolMilligray = 50 }
        #expect(
            EffectiveDoseEstimate.estimate(onlyCTDI, bodyRegion: .head, ageYears: 40, coefficients: configured)
                == .failure(.init("no dlp recorded to estimate it from")))
        var empty = head
        empty.source = nil
        #expect(
            EffectiveDoseEstimate.estimate(empty, bodyRegion: .head, ageYears: 40, coefficients: configured)
                == .failure(.init("no dose figures recorded")))
        // A zero coefficient is no coefficient.
        let zero = EffectiveDoseCoefficients(
            coefficients: [
                EffectiveDoseCoefficient(procedure: .ct, bodyRegion: .head, milliSievertPerUnit: 0, source: "x")
            ])
        #expect(zero.coefficient(examCode: "CHEADN", bodyRegion: .head, procedure: .ct) == nil)
    }

    @Test("The history sums each window by hand; unestimated exams are counted apart; the read is audited")
    func historyThroughTheUseCase() async throws {
        var configuration = DepartmentConfiguration()
        configuration.effectiveDoseCoefficients = EffectiveDoseCoefficients(
            coefficients: EffectiveDoseCoefficients.publishedDefaults.filter { $0.bodyRegion != .upperLimb },
            cumulativeWindowsDays: [365, 30])
        let f = try await Fixture.make(configuration: configuration)
        let patient = try await f.patient(sex: .male, age: 40)
        let other = try await f.patient(sex: .female, age: 50)
        func entry(_ exam: Exam, dGyCm2: Double) async throws {
            _ = try await f.department.recordDoseEntry(
                RecordDoseEntry.Command(
                    examID: exam.id, doseAreaProduct: .init(dGyCm2, "dGy.cm2"), numberOfExposures: 1),
                by: f.radiographer)
        }
        // Day 0: chest, 1.2 dGy·cm² = 0.12 Gy·cm² → 0.0216 mSv.
        try await entry(try await f.exam("XCHEST", at: .inProgress, patient: patient), dGyCm2: 1.2)
        f.clock.advance(days: 40)
        // Day 40: abdomen, 25 dGy·cm² = 2.5 Gy·cm² → 0.45 mSv.
        try await entry(try await f.exam("XABDOM", at: .inProgress, patient: patient), dGyCm2: 25)
        f.clock.advance(days: 1)
        // Day 41: wrist, 0.5 dGy·cm² = 0.05 Gy·cm²: no upper-limb coefficient is configured, so no estimate.
        try await entry(try await f.exam("XWRIST", at: .inProgress, patient: patient), dGyCm2: 0.5)
        // Another patient's exam and an exam without dose stay out.
        try await entry(try await f.exam("XCHEST", at: .inProgress, patient: other), dGyCm2: 9)
        _ = try await f.exam("XPELVI", at: .inProgress, patient: patient)

        let history = try await f.department.viewPatientDoseHistory(.init(patientID: patient.id), by: f.radiographer)
        #expect(history.entries.map(\.examCode) == ["XWRIST", "XABDOM", "XCHEST"])
        #expect(history.entries[0].effectiveDose == nil)
        #expect(
            history.entries[0].noEstimateReason
                == "no effective dose coefficient for projection x-ray of XWRIST and body region upper limb")
        #expect(abs((history.entries[1].effectiveDose?.milliSievert ?? 0) - 0.45) < 1e-9)
        #expect(abs((history.entries[2].effectiveDose?.milliSievert ?? 0) - 0.0216) < 1e-9)
        #expect(history.cumulative.map(\.days) == [30, 365, nil])
        let month = history.cumulative[0]
        #expect(month.exams == 2 && month.examsWithEstimate == 1)
        #expect(abs(month.effectiveDoseMilliSievert - 0.45) < 1e-9)
        #expect(abs(month.doseAreaProductGyCm2 - 2.55) < 1e-9)
        #expect(month.label == "Last 30 days")
        let year = history.cumulative[1]
        #expect(year.exams == 3 && year.examsWithEstimate == 2 && year.label == "Last 12 months")
        #expect(abs(year.effectiveDoseMilliSievert - 0.4716) < 1e-9)
        #expect(abs(year.doseAreaProductGyCm2 - 2.67) < 1e-9)
        #expect(history.cumulative[2].label == "Every exam on record" && history.cumulative[2].exams == 3)

        let audit = try await f.store.transaction {
            try await $0.audit.entries(patientID: patient.id, examID: nil, afterSequence: nil, limit: 500)
        }
        #expect(audit.contains { $0.action == "dose.history-read" && $0.actorUsername == f.radiographer.username })
        await #expect(throws: DomainError.self) {
            _ = try await f.department.viewPatientDoseHistory(.init(patientID: patient.id), by: f.referrerActor)
        }
    }
}
