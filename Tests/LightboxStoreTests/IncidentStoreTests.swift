import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// Incidents on both engines (migration M0111): the document round-trips whole, the status column follows the
/// investigation, and every filter of the listing narrows it, newest occurrence first.
@Suite("Incident store")
struct IncidentStoreTests {
    static func incident(
        occurredAt: Date, kind: IncidentKind = .incident, category: String = "wrong-exam", roomID: UUID? = nil,
        patientID: UUID? = nil
    ) -> Incident {
        Incident(
            id: UUID(), kind: kind, category: category, categoryLabel: "Wrong exam, side or body part",
            occurredAt: occurredAt, roomID: roomID, roomName: roomID.map { _ in "X-ray 1" }, examID: UUID(),
            accessionNumber: "RVJ0001", examName: "XR Knee", modality: .DX, patientID: patientID,
            staff: [Incident.StaffInvolved(staffID: UUID(), name: "Grace Okafor")],
            whatHappened: "Right knee — «not» the left", immediateActions: "Stopped", reportedAt: occurredAt + 60,
            reportedBy: "g.okafor", reportedByStaffID: UUID(),
            contacts: [
                CandourContact(
                    party: .referrer, contactName: "Dr Tolu Adeyemi", contactedAt: occurredAt + 120,
                    contactedByStaffID: UUID(), contactedByName: "Sam Patel", method: "Telephone", notes: "Re-request",
                    recordedBy: "s.patel", recordedAt: occurredAt + 180)
            ])
    }

    @Test("Incidents round-trip, follow their investigation and list by every filter", arguments: TestEngine.allCases)
    func roundTrip(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let start = Date(timeIntervalSince1970: 1_795_514_400)
            let room = UUID()
            let patient = UUID()
            let older = Self.incident(occurredAt: start, roomID: room, patientID: patient)
            let newer = Self.incident(occurredAt: start + 3600, kind: .nearMiss, category: "fall")
            try await store.transaction { unit async throws in
                try await unit.incidents.insert(older)
                try await unit.incidents.insert(newer)
            }
            let read = try await store.transaction { unit async throws in try await unit.incidents.get(older.id) }
            #expect(read == older)
            func list(_ query: IncidentQuery) async throws -> [UUID] {
                try await store.transaction { unit async throws in try await unit.incidents.list(query) }.map(\.id)
            }
            #expect(try await list(IncidentQuery()) == [newer.id, older.id])
            #expect(try await list(IncidentQuery(limit: 1)) == [newer.id])
            #expect(try await list(IncidentQuery(kind: .nearMiss)) == [newer.id])
            #expect(try await list(IncidentQuery(category: "wrong-exam")) == [older.id])
            #expect(try await list(IncidentQuery(roomID: room)) == [older.id])
            #expect(try await list(IncidentQuery(patientID: patient)) == [older.id])
            #expect(try await list(IncidentQuery(examID: newer.examID)) == [newer.id])
            #expect(try await list(IncidentQuery(from: start + 1)) == [newer.id])
            #expect(try await list(IncidentQuery(to: start + 1)) == [older.id])
            #expect(try await list(IncidentQuery(status: .reported)) == [newer.id, older.id])

            var investigated = older
            let saueCaseID = UUID()
            investigated.saueCaseID = saueCaseID
            investigated.investigation = IncidentInvestigation(
                ownerStaffID: UUID(), ownerName: "Sam Patel", findings: "Side not checked", actions: "Refresher",
                updatedAt: start + 7200, updatedBy: "s.patel", closure: "Shared", closedAt: start + 9000,
                closedBy: "s.patel", candourNotNeededReason: "Patient declined")
            let update = investigated
            try await store.transaction { unit async throws in try await unit.incidents.update(update) }
            #expect(try await list(IncidentQuery(status: .closed)) == [older.id])
            #expect(try await list(IncidentQuery(status: .reported)) == [newer.id])
            #expect(try await list(IncidentQuery(saueCaseID: saueCaseID)) == [older.id])
            let reread = try await store.transaction { unit async throws in try await unit.incidents.get(older.id) }
            #expect(reread == investigated)

            // A second insert of the same id is refused and changes nothing.
            await #expect(throws: (any Error).self) {
                try await store.transaction { unit async throws in try await unit.incidents.insert(newer) }
            }
            #expect(try await list(IncidentQuery()).count == 2)
        }
    }
}
