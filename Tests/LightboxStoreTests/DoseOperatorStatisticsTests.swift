import Foundation
import LightboxDomain
import SQLKit
import Testing

@testable import LightboxStore

/// The dose per operator from the dose record's own operator column (M0077) on both engines, on a fixture worked
/// out by hand: chest PA radiographs, one radiograph each, DAP per radiograph (Gy·cm²):
/// - operator A: 0.08, 0.10, 0.14 → median 0.10 (3 exams);
/// - operator B: 0.06, 0.09 → median (0.06 + 0.09) / 2 = 0.075 (2 exams);
/// - an exam with no operator (dose typed before it was started): 0.20 → median 0.20 (1 exam);
/// - operator A's exam performed before the period (0.50) is not counted.
@Suite("Dose per operator")
struct DoseOperatorStatisticsTests {
    static let now = StatisticsTests.now
    static let period = StatisticsTests.november

    struct Fixture {
        let operatorA: UUID
        let operatorB: UUID
        let records: [ExamDoseRecord]
    }

    /// Exams and their dose records as `RecordDoseEntry` builds them (`DoseRecordBuilder`, which records the
    /// exam's operator).
    static func seed(_ store: FluentDepartmentStore) async throws -> Fixture {
        let room = modified(Fixtures.room(name: "X-ray 1")) { $0.status = .inUse }
        let a = Fixtures.staff(family: "Adeyemi")
        let b = Fixtures.staff(family: "Brown")
        let patient = try Fixtures.patient()
        let referrer = Fixtures.referrer()
        let figures: [(UUID?, String?, Double)] = [
            (a.id, "2026-11-02T09:00:00Z", 0.08), (a.id, "2026-11-03T09:00:00Z", 0.10),
            (a.id, "2026-11-04T09:00:00Z", 0.14), (b.id, "2026-11-05T09:00:00Z", 0.06),
            (b.id, "2026-11-06T09:00:00Z", 0.09), (nil, nil, 0.20), (a.id, "2026-10-20T09:00:00Z", 0.50),
        ]
        let builder = DoseRecordBuilder(
            thresholds: DepartmentConfiguration.default.doseThresholds,
            nationalLevels: DepartmentConfiguration.default.diagnosticReferenceLevels, localLevels: [])
        var exams: [Exam] = []
        var records: [ExamDoseRecord] = []
        for (operatorID, performed, dap) in figures {
            var exam = try StatisticsTests.exam(
                "XCHEST", .DX, patient: patient.id, referrer: referrer.id,
                state: performed == nil ? .booked : .inProgress, requested: "2026-10-01T09:00:00Z",
                performed: performed, room: room.id, operatorID: operatorID)
            var totals = DoseRecordTotals()
            totals.doseAreaProductGyCm2 = dap
            totals.numberOfExposures = 1
            let report = DoseReport(
                source: .entry, sourceUID: exam.id.uuidString, documentKind: "entry", procedure: .projection,
                examID: exam.id, totals: totals, receivedAt: StatisticsTests.at("2026-11-10T09:00:00Z"),
                receivedFrom: "test")
            let record = builder.record(for: exam, reports: [report], at: Self.now)
            exam.dose = record
            exams.append(exam)
            records.append(record)
        }
        let seeded = (exams, records)
        try await store.transaction { unit async throws in
            let (exams, records) = seeded
            try await unit.patients.insert(patient)
            try await unit.referrers.insert(referrer)
            for member in [a, b] { try await unit.staff.insert(member) }
            try await unit.rooms.insert(room)
            for exam in exams { try await unit.exams.insert(exam) }
            for record in records { try await unit.dose.save(record) }
        }
        return Fixture(operatorA: a.id, operatorB: b.id, records: records)
    }

    /// Each operator's (exams, median) of DAP per radiograph in November.
    static func medians(_ store: FluentDepartmentStore) async throws -> [UUID?: (Int, Double)] {
        try await store.transaction { unit async throws in
            let found = try await unit.doseStatistics.medians(
                DoseStatisticsFilter(period: period, examCode: "XCHEST"), metrics: [.doseAreaProductPerRadiograph],
                grouping: .operatorStaff)
            return Dictionary(uniqueKeysWithValues: found.map { ($0.operatorStaffID, ($0.exams, $0.median)) })
        }
    }

    static func expectHandComputed(_ found: [UUID?: (Int, Double)], _ fixture: Fixture) {
        #expect(found.count == 3, "\(found)")
        #expect(found[fixture.operatorA]?.0 == 3)
        #expect(abs((found[fixture.operatorA]?.1 ?? 0) - 0.10) < 1e-12)
        #expect(found[fixture.operatorB]?.0 == 2)
        #expect(abs((found[fixture.operatorB]?.1 ?? 0) - 0.075) < 1e-12)
        #expect(found[nil]?.0 == 1)
        #expect(abs((found[nil]?.1 ?? 0) - 0.20) < 1e-12)
    }

    @Test(
        "Medians per operator come from the record's operator; records written before M0077 are counted",
        arguments: TestEngine.allCases)
    func operatorColumnAndBackfill(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let fixture = try await Self.seed(store)
            #expect(fixture.records.prefix(3).allSatisfy { $0.operatorStaffID == fixture.operatorA })
            #expect(fixture.records[5].operatorStaffID == nil, "not started: no operator yet")
            Self.expectHandComputed(try await Self.medians(store), fixture)

            // The register as it was before M0077: no operator column, documents without the operator. (Schema
            // changes run as the migrator runs them, outside a unit of work.)
            let database = try test.database.fluent()
            try await M0077_AddDoseRecordOperator().revert(on: database)
            let coder = DocumentCoder()
            for record in fixture.records {
                var old = record
                old.operatorStaffID = nil
                try await LightboxDatabase.sql(database).update("exam_dose_records")
                    .set("document", to: try coder.encode(old)).where("id", .equal, record.examID).run()
            }
            await #expect(throws: (any Error).self) { _ = try await Self.medians(store) }

            try await M0077_AddDoseRecordOperator().prepare(on: database)
            Self.expectHandComputed(try await Self.medians(store), fixture)
            try await store.transaction { unit async throws in
                for record in fixture.records {
                    #expect(try await unit.dose.record(examID: record.examID) == record, "the document regains it")
                }
            }
        }
    }
}
