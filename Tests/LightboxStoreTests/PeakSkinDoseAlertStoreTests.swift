import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// The cumulative peak skin dose alert (DOMAIN.md "Dose": fluoroscopy, peak skin dose where given;
/// `doseThresholds.cumulativePeakSkinDoseMilligray`, 3,000 mGy by default) through the use cases on both
/// engines: two fluoroscopy exams of one patient that together reach it raise one alert naming both
/// exams; another patient's two exams that stay below it raise none.
@Suite("Peak skin dose alert")
struct PeakSkinDoseAlertStoreTests {
    static let radiographer = Actor(staffID: UUID(), username: "r.rad", role: .radiographer, door: .web)
    static let physicist = Actor(staffID: nil, username: "mpe", role: .physicist, door: .api)

    static func fluoroscopy(patient: UUID, referrer: UUID, room: UUID, performed: String) throws -> Exam {
        try StatisticsTests.exam(
            "FBAENE", .RF, patient: patient, referrer: referrer, state: .inProgress,
            requested: "2026-10-01T08:00:00Z", performed: performed, room: room)
    }

    static func entry(_ exam: Exam, skinMilligray: Double) -> RecordDoseEntry.Command {
        // 10 Gy·cm² and 50 mGy at the reference point each: far below their own cumulative thresholds.
        RecordDoseEntry.Command(
            examID: exam.id, doseAreaProduct: .init(10, "Gy.cm2"), referencePointDose: .init(50, "mGy"),
            fluoroscopyTime: .init(300, "s"), peakSkinDose: .init(skinMilligray / 1000, "Gy"))
    }

    @Test("Two fluoroscopy exams crossing 3 Gy raise one alert; 2.9 Gy raises none", arguments: TestEngine.allCases)
    func cumulativePeakSkinDose(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let room = modified(Fixtures.room(name: "Fluoroscopy 1")) {
                $0.status = .inUse
                $0.modality = .RF
                $0.aeTitle = "RF1"
            }
            let above = try Fixtures.patient()
            let below = try Fixtures.patient(family: "Obi", nhs: "4010232137")
            let referrer = Fixtures.referrer()
            let exams = [
                try Self.fluoroscopy(
                    patient: above.id, referrer: referrer.id, room: room.id, performed: "2026-11-02T09:00:00Z"),
                try Self.fluoroscopy(
                    patient: above.id, referrer: referrer.id, room: room.id, performed: "2026-11-20T09:00:00Z"),
                try Self.fluoroscopy(
                    patient: below.id, referrer: referrer.id, room: room.id, performed: "2026-11-03T09:00:00Z"),
                try Self.fluoroscopy(
                    patient: below.id, referrer: referrer.id, room: room.id, performed: "2026-11-21T09:00:00Z"),
            ]
            let store = FluentDepartmentStore(database: test.database)
            try await store.transaction { unit async throws in
                for patient in [above, below] { try await unit.patients.insert(patient) }
                try await unit.referrers.insert(referrer)
                try await unit.rooms.insert(room)
                for exam in exams { try await unit.exams.insert(exam) }
            }
            let department = StatisticsTests.department(test)
            // Above: 1.8 + 1.5 = 3.3 Gy. Below: 1.4 + 1.5 = 2.9 Gy.
            for (exam, gray) in zip(exams, [1800.0, 1500, 1400, 1500]) {
                _ = try await department.recordDoseEntry(Self.entry(exam, skinMilligray: gray), by: Self.radiographer)
            }
            let alerts = try await department.listDoseAlerts(.init(), by: Self.physicist)
            #expect(alerts.count == 1, "only the patient above the threshold: \(alerts.map(\.detail))")
            let alert = try #require(alerts.first)
            #expect(alert.kind == .cumulative && alert.metric == .peakSkinDose)
            #expect(alert.patientID == above.id && alert.examID == exams[1].id)
            #expect(abs(alert.value - 3300) < 1e-9 && alert.limit == 3000)
            #expect(Set(alert.examIDs) == [exams[0].id, exams[1].id])
            #expect(alert.detail.contains("= 3300 mGy"), "\(alert.detail)")
            let record = try await store.transaction { unit async throws in
                try await unit.dose.record(examID: exams[1].id)
            }
            #expect(abs((record?.totals.peakSkinDoseMilligray ?? 0) - 1500) < 1e-9)
            #expect(record?.alerts.map(\.id) == [alert.id])
            let quiet = try await store.transaction { unit async throws in
                try await unit.dose.record(examID: exams[3].id)
            }
            #expect(abs((quiet?.totals.peakSkinDoseMilligray ?? 0) - 1500) < 1e-9)
            #expect(quiet?.alerts.isEmpty == true)
        }
    }

    @Test("The threshold is configuration: raised to 3.5 Gy, 3.3 Gy raises no alert", arguments: TestEngine.allCases)
    func thresholdIsConfiguration(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let room = modified(Fixtures.room(name: "Fluoroscopy 1")) {
                $0.status = .inUse
                $0.modality = .RF
            }
            let patient = try Fixtures.patient()
            let referrer = Fixtures.referrer()
            let exams = [
                try Self.fluoroscopy(
                    patient: patient.id, referrer: referrer.id, room: room.id, performed: "2026-11-02T09:00:00Z"),
                try Self.fluoroscopy(
                    patient: patient.id, referrer: referrer.id, room: room.id, performed: "2026-11-20T09:00:00Z"),
            ]
            let store = FluentDepartmentStore(database: test.database)
            try await store.transaction { unit async throws in
                try await unit.patients.insert(patient)
                try await unit.referrers.insert(referrer)
                try await unit.rooms.insert(room)
                for exam in exams { try await unit.exams.insert(exam) }
            }
            var configuration = DepartmentConfiguration.default
            configuration.doseThresholds.cumulativePeakSkinDoseMilligray = 3500
            let department = StatisticsTests.department(test, configuration: configuration)
            for (exam, gray) in zip(exams, [1800.0, 1500]) {
                _ = try await department.recordDoseEntry(Self.entry(exam, skinMilligray: gray), by: Self.radiographer)
            }
            #expect(try await department.listDoseAlerts(.init(), by: Self.physicist).isEmpty)
        }
    }
}
