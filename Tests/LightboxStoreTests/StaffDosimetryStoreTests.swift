import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// Staff dosimetry on both engines (migration M0081): readings newest period first per wearer, investigations open
/// and closed, the latest classification in force.
@Suite("Staff dosimetry store")
struct StaffDosimetryStoreTests {
    @Test("Readings, investigations and classifications round-trip", arguments: TestEngine.allCases)
    func roundTrip(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let at = Date(timeIntervalSince1970: 1_795_514_400)
            let wearer = UUID()
            let other = UUID()
            func reading(_ staff: UUID, month: Int, dose: Double) throws -> DosemeterReading {
                DosemeterReading(
                    id: UUID(), staffID: staff, staffName: "Grace Okafor", site: .eye,
                    periodStart: try CalendarDate(year: 2026, month: month, day: 1),
                    periodEnd: try CalendarDate(year: 2026, month: month, day: 28), doseMilliSievert: dose,
                    dosemeterReference: "EYE-1", investigationID: nil, recordedBy: "p.nair", recordedAt: at)
            }
            let february = try reading(wearer, month: 2, dose: 0.2)
            let october = try reading(wearer, month: 10, dose: 1.9)
            let theirs = try reading(other, month: 5, dose: 0.1)
            let investigation = StaffDoseInvestigation(
                id: UUID(), readingID: october.id, staffID: wearer, staffName: "Grace Okafor", site: .eye,
                periodStart: october.periodStart, periodEnd: october.periodEnd, doseMilliSievert: 1.9,
                levelMilliSievert: 1.5, arithmetic: "Lens of the eye, Hp(3) 1.9 mSv > investigation level 1.5 mSv",
                openedAt: at)
            try await store.transaction { unit async throws in
                for item in [february, october, theirs] { try await unit.staffDosimetry.insert(item) }
                try await unit.staffDosimetry.insert(investigation)
                try await unit.staffDosimetry.insert(
                    ClassifiedWorker(
                        staffID: wearer, staffName: "Grace Okafor", classified: true,
                        from: february.periodStart, reason: "IR list", changedBy: "m.evans", changedAt: at))
                try await unit.staffDosimetry.insert(
                    ClassifiedWorker(
                        staffID: wearer, staffName: "Grace Okafor", classified: false,
                        from: october.periodEnd, reason: "Left IR", changedBy: "m.evans", changedAt: at + 60))
            }
            let mine = try await store.transaction { unit async throws in
                try await unit.staffDosimetry.readings(staffID: wearer, limit: 10)
            }
            #expect(mine == [october, february])
            let everyone = try await store.transaction { unit async throws in
                try await unit.staffDosimetry.readings(staffID: nil, limit: 10)
            }
            #expect(everyone.map(\.id) == [october.id, theirs.id, february.id])
            var closed = investigation
            closed.findings = "Lead glasses issued"
            closed.doseConfirmed = true
            closed.closedAt = at + 3600
            let update = closed
            let open = try await store.transaction { unit async throws in
                let before = try await unit.staffDosimetry.investigations(openOnly: true, limit: 10)
                try await unit.staffDosimetry.update(update)
                return before
            }
            #expect(open == [investigation])
            let after = try await store.transaction { unit async throws in
                (
                    try await unit.staffDosimetry.investigations(openOnly: true, limit: 10),
                    try await unit.staffDosimetry.investigation(investigation.id),
                    try await unit.staffDosimetry.classifications()
                )
            }
            #expect(after.0.isEmpty && after.1 == closed)
            #expect(after.2.map(\.classified) == [false])
        }
    }
}
