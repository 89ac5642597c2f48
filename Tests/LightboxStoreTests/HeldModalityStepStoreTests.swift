import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// MPPS steps held for unknown exams on both engines (migration M0012): the document round-trips whole, a SOP
/// Instance UID is held once, and the list holds the waiting ones, oldest first.
@Suite("Held MPPS step store")
struct HeldModalityStepStoreTests {
    static func step(_ uid: String, receivedAt: Date) -> HeldModalityStep {
        HeldModalityStep(
            id: UUID(),
            start: ModalityStart(
                sopInstanceUID: uid, stationAETitle: "LBXR1", accessionNumber: "EXT-1",
                operatorName: PersonName(family: "Okafor", given: ["Grace"])),
            subject: .init(patientName: "SMYTHE^Carol — «x»", patientID: "H1003", patientBirthDate: "19901101"),
            detail: "No exam matches accession number EXT-1; held for a radiographer to link.",
            receivedAt: receivedAt, updatedAt: receivedAt)
    }

    @Test(
        "Held steps round-trip, are unique by SOP Instance UID and list waiting ones oldest first",
        arguments: TestEngine.allCases)
    func roundTrip(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let start = Date(timeIntervalSince1970: 1_795_514_400)
            let older = Self.step("1.2.826.0.1.3680043.10.543.1", receivedAt: start)
            let newer = Self.step("1.2.826.0.1.3680043.10.543.2", receivedAt: start + 60)
            try await store.transaction { unit async throws in
                try await unit.heldModalitySteps.insert(newer)
                try await unit.heldModalitySteps.insert(older)
            }
            await #expect(throws: DomainError.self) {
                try await store.transaction { unit async throws in
                    try await unit.heldModalitySteps.insert(Self.step(older.sopInstanceUID, receivedAt: start))
                }
            }
            let found = try await store.transaction { unit async throws in
                try await unit.heldModalitySteps.find(sopInstanceUID: older.sopInstanceUID)
            }
            #expect(found == older)
            var waiting = try await store.transaction { unit async throws in
                try await unit.heldModalitySteps.list(decision: .waiting, limit: 10)
            }
            #expect(waiting.map(\.id) == [older.id, newer.id])

            var linked = older
            linked.updates.append(
                .init(
                    status: .completed,
                    end: ModalityStepEnd(
                        sopInstanceUID: older.sopInstanceUID, projections: [PerformedProjection(name: "PA")],
                        exposures: [ExposureFigures(doseAreaProductGyCm2: 0.012)]), receivedAt: start + 120))
            linked.status = .completed
            linked.decision = .linked
            linked.examID = UUID()
            let update = linked
            try await store.transaction { unit async throws in try await unit.heldModalitySteps.update(update) }
            waiting = try await store.transaction { unit async throws in
                try await unit.heldModalitySteps.list(decision: .waiting, limit: 10)
            }
            #expect(waiting.map(\.id) == [newer.id])
            let read = try await store.transaction { unit async throws in
                try await unit.heldModalitySteps.get(older.id)
            }
            #expect(read == linked)
        }
    }
}
