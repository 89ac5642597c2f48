import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// The rota on both engines (migration M0112): assignments round-trip, list by day span, room and member of staff in
/// day, session and room order, and are deleted.
@Suite("Rota store")
struct RotaStoreTests {
    @Test(
        "Assignments round-trip, list by span, room and staff in order, and are deleted", arguments: TestEngine.allCases
    )
    func roundTrip(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let day = try CalendarDate(year: 2026, month: 11, day: 24)
            let xray = UUID()
            let ct = UUID()
            let grace = UUID()
            let tom = UUID()
            let at = Date(timeIntervalSince1970: 1_795_514_400)
            func assignment(
                _ room: UUID, _ roomName: String, _ day: CalendarDate, _ session: RotaSession, _ staff: UUID
            )
                -> RotaAssignment
            {
                RotaAssignment(
                    id: UUID(), roomID: room, roomName: roomName, day: day, session: session, staffID: staff,
                    staffName: staff == grace ? "Grace Okafor" : "Tom Nguyen", role: .operator,
                    supervised: staff == tom,
                    note: "ED list", assignedBy: "m.lee", assignedAt: at)
            }
            let evening = assignment(xray, "X-ray 1", day, .evening, grace)
            let morningCT = assignment(ct, "CT 1", day, .morning, tom)
            let morningXray = assignment(xray, "X-ray 1", day, .morning, grace)
            let nextDay = assignment(ct, "CT 1", day.adding(days: 1), .morning, grace)
            let outside = assignment(ct, "CT 1", day.adding(days: 9), .morning, grace)
            try await store.transaction { unit async throws in
                for item in [evening, morningCT, morningXray, nextDay, outside] { try await unit.rota.insert(item) }
            }
            func list(roomID: UUID? = nil, staffID: UUID? = nil) async throws -> [UUID] {
                try await store.transaction { unit async throws in
                    try await unit.rota.list(
                        from: day, to: day.adding(days: 6), roomID: roomID, staffID: staffID, limit: 100)
                }.map(\.id)
            }
            #expect(try await list() == [morningCT.id, morningXray.id, evening.id, nextDay.id])
            #expect(try await list(roomID: xray) == [morningXray.id, evening.id])
            #expect(try await list(staffID: tom) == [morningCT.id])
            let read = try await store.transaction { unit async throws in try await unit.rota.get(morningCT.id) }
            #expect(read == morningCT)
            try await store.transaction { unit async throws in try await unit.rota.delete(evening.id) }
            #expect(try await list(roomID: xray) == [morningXray.id])
            await #expect(throws: (any Error).self) {
                try await store.transaction { unit async throws in try await unit.rota.delete(evening.id) }
            }
        }
    }
}
