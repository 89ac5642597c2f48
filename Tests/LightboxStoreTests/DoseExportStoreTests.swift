import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// The dose register export's query on both engines: records performed in `from..<to`, of a modality and
/// room when asked, oldest first, paged by offset without repeating or losing a record.
@Suite("Dose export query")
struct DoseExportStoreTests {
    static let start = Date(timeIntervalSince1970: 1_795_514_400)

    @Test("Filter by period, modality and room; pages in performed order", arguments: TestEngine.allCases)
    func filterAndPages(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let xr = UUID()
            let ct = UUID()
            // Seven records an hour apart: CT in room ct at hours 0, 2, 4, 6; DX in room xr at 1, 3, 5.
            var built: [ExamDoseRecord] = []
            for hour in 0..<7 {
                let isCT = hour % 2 == 0
                var totals = DoseRecordTotals()
                totals.dlpMilligrayCm = isCT ? Double(100 * hour) : nil
                totals.doseAreaProductGyCm2 = isCT ? nil : Double(hour)
                built.append(
                    ExamDoseRecord(
                        examID: UUID(), patientID: UUID(), examCode: isCT ? "CHEADN" : "XCHEST",
                        modality: isCT ? .CT : .DX, roomID: isCT ? ct : xr,
                        performedAt: Self.start.addingTimeInterval(Double(hour) * 3600), source: .entry,
                        totals: totals, updatedAt: Self.start))
            }
            let records = built
            try await store.transaction { unit async throws in
                for record in records.reversed() { try await unit.dose.save(record) }
            }
            let all = DoseRegisterFilter(from: Self.start, to: Self.start.addingTimeInterval(7 * 3600))
            try await store.transaction { unit async throws in
                let every = try await unit.dose.records(matching: all, offset: 0, limit: 100)
                #expect(every.map(\.examID) == records.map(\.examID), "oldest first")
                var paged: [UUID] = []
                for page in 0..<4 {
                    paged += try await unit.dose.records(matching: all, offset: page * 2, limit: 2).map(\.examID)
                }
                #expect(paged == records.map(\.examID), "pages of two, nothing repeated or lost")
                var ctOnly = all
                ctOnly.modality = .CT
                #expect(
                    try await unit.dose.records(matching: ctOnly, offset: 0, limit: 100).map(\.totals.dlpMilligrayCm)
                        == [0, 200, 400, 600])
                var room = all
                room.roomID = xr
                #expect(try await unit.dose.records(matching: room, offset: 0, limit: 100).count == 3)
                // `to` is excluded, `from` included: hours 2..<5.
                let window = DoseRegisterFilter(
                    from: Self.start.addingTimeInterval(2 * 3600), to: Self.start.addingTimeInterval(5 * 3600))
                #expect(
                    try await unit.dose.records(matching: window, offset: 0, limit: 100).map(\.examID)
                        == Array(records[2..<5].map(\.examID)))
                room.modality = .CT
                #expect(try await unit.dose.records(matching: room, offset: 0, limit: 100).isEmpty)
            }
        }
    }
}
