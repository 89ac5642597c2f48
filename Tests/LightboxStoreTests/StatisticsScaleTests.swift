import Foundation
import LightboxDomain
import SQLKit
import Testing

@testable import LightboxStore

/// The statistics stay fast on a large department: 100,000 exams over a year, aggregated in the database.
@Suite("Statistics at scale")
struct StatisticsScaleTests {
    static let exams = 100_000
    /// Each statistic must answer within this on the CI machine (two shared cores): far above what the indexed
    /// aggregation takes, far below reading 100,000 journeys.
    static let budget: Duration = .seconds(5)

    /// Rows written straight into the table: the statistics read only the indexed columns, so every row shares one
    /// journey document and the columns vary (modality, room, operator, dates, images, rejects, reports).
    static func fill(_ test: TestDatabase, patient: UUID, referrer: UUID) async throws -> Date {
        let sql = try test.database.sql()
        let start = StatisticsTests.at("2025-12-01T08:00:00Z")
        let rooms = (0..<6).map { _ in UUID() }
        let operators = (0..<37).map { _ in UUID() }
        let modalities: [Modality] = [.DX, .DX, .DX, .CT, .RF, .CR]
        let document = "{}"
        let batch = 1_000
        for first in stride(from: 0, to: exams, by: batch) {
            var rows: [SQLQueryString] = []
            for index in first..<min(first + batch, exams) {
                let id = UUID()
                let requested = start.addingTimeInterval(Double(index) * 315)
                let performed = index % 5 == 0 ? nil : requested.addingTimeInterval(Double(index % 40) * 86_400)
                let issued = performed.flatMap {
                    index % 7 == 0 ? nil : $0.addingTimeInterval(Double(index % 50) * 3_600)
                }
                let state = performed == nil ? "booked" : issued == nil ? "discharged" : "reportVerified"
                rows.append(
                    """
                    (\(bind: id), \(bind: Exam.accessionNumber(for: id)), \(bind: patient), \(bind: referrer), \
                    'XCHEST', \(bind: modalities[index % 6].rawValue), \(bind: state), \(bind: requested), \
                    \(bind: document), 'routine', 'outpatient', \(bind: performed), \(bind: performed), \
                    \(bind: performed == nil ? nil : rooms[index % 6]), \
                    \(bind: performed == nil ? nil : operators[index % 37]), \(bind: performed == nil ? 0 : 3), \
                    \(bind: index % 11 == 0 ? 1 : 0), \(bind: issued), \(bind: index % 3 == 0))
                    """)
            }
            try await sql.raw(
                """
                INSERT INTO exams (id, accession_number, patient_id, referrer_id, exam_code, modality, state, \
                requested_at, document, priority, patient_source, waiting_ended_at, performed_at, performed_room_id, \
                operator_staff_id, images_acquired, images_rejected, report_issued_at, pregnancy_recorded) VALUES \
                \(rows.joined(separator: ", "))
                """
            ).run()
        }
        return start
    }

    @Test(
        "DM01, turnaround, reject rates and activity over 100,000 exams each answer quickly",
        arguments: TestEngine.allCases)
    func hundredThousand(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let patient = try Fixtures.patient()
            let referrer = Fixtures.referrer()
            try await store.transaction { unit async throws in
                try await unit.patients.insert(patient)
                try await unit.referrers.insert(referrer)
            }
            let start = try await Self.fill(test, patient: patient.id, referrer: referrer.id)
            let department = Department(
                store: store, clock: StatisticsTests.StillClock(moment: start.addingTimeInterval(400 * 86_400)),
                ids: StatisticsTests.RandomIDs())
            let year = try StatisticsPeriod(from: start, before: start.addingTimeInterval(365 * 86_400))
            // Turnaround reads one row per performed exam (its targets count working days per exam), so it is
            // measured on a month, the period its page and the monthly return use.
            let month = try StatisticsPeriod(from: start, before: start.addingTimeInterval(31 * 86_400))
            let clock = ContinuousClock()

            var elapsed = try await clock.measure {
                let census = try await department.viewDM01(
                    .init(census: start.addingTimeInterval(200 * 86_400)), by: StatisticsTests.manager)
                #expect(census.waiting > 0)
            }
            #expect(elapsed < Self.budget, "DM01 took \(elapsed)")
            elapsed = try await clock.measure {
                let report = try await department.viewReportingTurnaround(month, by: StatisticsTests.manager)
                #expect((report.targets.first?.performed ?? 0) > 2_000)
            }
            #expect(elapsed < Self.budget, "turnaround took \(elapsed)")
            elapsed = try await clock.measure {
                let report = try await department.viewRejectRates(year, by: StatisticsTests.manager)
                #expect(report.operators.count == 37)
                #expect(report.department.imagesRejected > 0)
            }
            #expect(elapsed < Self.budget, "reject rates took \(elapsed)")
            elapsed = try await clock.measure {
                let report = try await department.viewRoomActivity(year, by: StatisticsTests.manager)
                #expect(report.exams > 50_000)
            }
            #expect(elapsed < Self.budget, "activity took \(elapsed)")
        }
    }
}
