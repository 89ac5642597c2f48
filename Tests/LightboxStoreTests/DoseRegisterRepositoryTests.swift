import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// The dose register's tables (M0070) on both engines: reports unique by source and source UID and
/// replaced in place, unlinked reports found by study, records by patient and by type and room,
/// alerts open and acknowledged, local DRLs append-only.
@Suite("Dose register repository")
struct DoseRegisterRepositoryTests {
    static let moment = Date(timeIntervalSince1970: 1_795_514_400)

    static func report(_ uid: String, exam: UUID?, study: String, dap: Double) -> DoseReport {
        var totals = DoseRecordTotals()
        totals.doseAreaProductGyCm2 = dap
        totals.averageGlandularDose = [BreastGlandularDose(laterality: "left", milligray: 1.2)]
        var event = DoseEvent()
        event.uid = uid + ".1"
        event.kilovolts = 81
        return DoseReport(
            source: .rdsr, sourceUID: uid, documentKind: "xray-radiation-dose-sr", procedure: .projection,
            examID: exam, studyInstanceUID: study, totals: totals, events: [event], warnings: ["no unit"],
            receivedAt: moment, receivedFrom: "XR1")
    }

    @Test("reports, records, alerts and local levels round-trip", arguments: TestEngine.allCases)
    func roundTrip(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let examID = UUID()
            let patientID = UUID()
            let roomID = UUID()
            let waiting = Self.report("1.2.3.1", exam: nil, study: "1.2.3", dap: 0.2)
            let linked = Self.report("1.2.3.2", exam: examID, study: "1.2.3", dap: 0.3)
            try await store.transaction { unit async throws in
                try await unit.dose.save(waiting)
                try await unit.dose.save(linked)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.dose.unlinkedReports(studyInstanceUID: "1.2.3") == [waiting])
                #expect(try await unit.dose.reports(examID: examID) == [linked])
                var now = waiting
                now.examID = examID
                try await unit.dose.save(now)
                #expect(try await unit.dose.unlinkedReports(studyInstanceUID: "1.2.3").isEmpty)
                #expect(try await unit.dose.reports(examID: examID).count == 2, "replaced in place, not added")
                #expect(try await unit.dose.report(source: .rdsr, sourceUID: "1.2.3.1") == now)
                #expect(try await unit.dose.report(source: .mpps, sourceUID: "1.2.3.1") == nil)
            }
            var record = ExamDoseRecord(
                examID: examID, patientID: patientID, examCode: "XCHEST", modality: .DX, roomID: roomID,
                performedAt: Self.moment, reports: [linked], source: .rdsr, procedure: .projection,
                totals: linked.totals, events: linked.events,
                comparisons: [
                    DoseComparison(
                        metric: .doseAreaProduct, value: 0.3, referenceLevel: 0.11, levelSource: .national,
                        levelDescription: "National DRL: Chest PA")
                ], updatedAt: Self.moment)
            let alert = DoseAlert(
                id: UUID(), kind: .aboveReferenceLevel, examID: examID, patientID: patientID, examCode: "XCHEST",
                metric: .doseAreaProduct, value: 0.3, limit: 0.11, detail: "above", raisedAt: Self.moment)
            record.alerts = [alert]
            let saved = record
            let level = LocalReferenceLevel(
                id: UUID(), examCode: "XCHEST", roomID: roomID, doseAreaProductPerRadiographGyCm2: 0.1,
                effectiveFrom: Self.moment, signedOffBy: UUID(), signedOffByName: "Dr Nair", recordedBy: "mpe",
                reason: "audit", recordedAt: Self.moment)
            try await store.transaction { unit async throws in
                try await unit.dose.save(saved)
                try await unit.dose.save(alert)
                try await unit.dose.insert(level)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.dose.record(examID: examID) == saved)
                #expect(try await unit.dose.records(patientID: patientID, since: Self.moment, limit: 10) == [saved])
                #expect(
                    try await unit.dose.records(patientID: patientID, since: Self.moment + 1, limit: 10).isEmpty)
                #expect(
                    try await unit.dose.records(examCode: "XCHEST", roomID: roomID, from: nil, to: nil, limit: 5)
                        == [saved])
                #expect(
                    try await unit.dose.records(examCode: "XCHEST", roomID: UUID(), from: nil, to: nil, limit: 5)
                        .isEmpty)
                #expect(try await unit.dose.alerts(openOnly: true, limit: 10) == [alert])
                #expect(try await unit.dose.alerts(patientID: patientID, since: Self.moment) == [alert])
                #expect(try await unit.dose.localReferenceLevels() == [level])
            }
            var changed = alert
            changed.acknowledgement = .init(staffID: nil, username: "mpe", at: Self.moment, comment: "ok")
            let acknowledged = changed
            record.totals.dlpMilligrayCm = 12
            let updated = record
            try await store.transaction { unit async throws in
                try await unit.dose.save(acknowledged)
                try await unit.dose.save(updated)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.dose.alerts(openOnly: true, limit: 10).isEmpty)
                #expect(try await unit.dose.alerts(openOnly: false, limit: 10) == [acknowledged])
                #expect(try await unit.dose.alerts(examID: examID) == [acknowledged])
                #expect(try await unit.dose.record(examID: examID)?.totals.dlpMilligrayCm == 12)
            }
            await RepositoryTests.expectDomainError(.duplicate) {
                try await store.transaction { unit async throws in try await unit.dose.insert(level) }
            }
        }
    }
}
