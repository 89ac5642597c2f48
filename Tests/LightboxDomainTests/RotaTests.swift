import Foundation
import LightboxDomain
import Testing

/// The rota through its use cases: an operator goes on only with an entitlement to operate the room's modality in
/// force all day and a registration in force, a supervised entitlement is marked, support staff need none, nobody
/// covers two rooms in one session, a past day is a record; every change audited.
@Suite("Rota")
struct RotaTests {
    func assign(
        _ f: Fixture, _ actor: Actor, _ room: Room, day: CalendarDate = Fixture.today,
        _ session: RotaSession = .morning,
        as role: RotaRole = .operator
    ) async throws -> RotaAssignment {
        try await f.department.assignRota(
            .init(roomID: room.id, day: day, session: session, staffID: actor.staffID!, role: role), by: f.manager
        ).value
    }

    func refusedField(
        _ f: Fixture, _ actor: Actor, _ room: Room, day: CalendarDate = Fixture.today,
        _ session: RotaSession = .morning,
        as role: RotaRole = .operator
    ) async -> FieldProblem? {
        await f.expectRefused(.validationFailed) {
            _ = try await assign(f, actor, room, day: day, session, as: role)
        }?.fields.first
    }

    @Test(
        "Operators need an entitlement to the room's modality all day; supervised ones are marked; support needs none")
    func entitlementsChecked() async throws {
        let f = try await Fixture.make()
        let ct = await refusedField(f, f.radiographer2, f.ctRoom)
        #expect(
            ct?.field == "staffID" && ct?.problem.contains("entitlement to operate CT") == true,
            "\(String(describing: ct))")
        #expect(ct?.code == .entitlementMissing)
        let onXray = try await assign(f, f.radiographer2, f.xrayRoom)
        #expect(onXray.supervised == false && onXray.roomName == "X-ray 1" && onXray.role == .operator)
        #expect(await f.store.state.audit.last?.action == "rota.assigned")
        let assistant = try await assign(f, f.assistant, f.xrayRoom)
        #expect(assistant.supervised)
        #expect(await refusedField(f, f.supportWorker, f.xrayRoom, .afternoon)?.code == .entitlementMissing)
        let support = try await assign(f, f.supportWorker, f.xrayRoom, .afternoon, as: .support)
        #expect(support.role == .support && !support.supervised)
        #expect(await refusedField(f, f.lapsedRadiographer, f.xrayRoom)?.code == .registrationExpired)
        #expect(await refusedField(f, f.expiredRadiographer, f.xrayRoom)?.code == .entitlementMissing)
        // An entitlement that starts tomorrow at 10:00 covers neither today nor tomorrow, but the day after.
        #expect(await refusedField(f, f.futureRadiographer, f.xrayRoom) != nil)
        #expect(await refusedField(f, f.futureRadiographer, f.xrayRoom, day: Fixture.today.adding(days: 1)) != nil)
        _ = try await assign(f, f.futureRadiographer, f.xrayRoom, day: Fixture.today.adding(days: 2))
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.assignRota(
                .init(
                    roomID: f.xrayRoom.id, day: Fixture.today, session: .evening, staffID: f.radiographer.staffID!,
                    role: .operator), by: f.radiographer)
        }
    }

    @Test("Nobody covers two rooms in one session; a past day is a record; the rota reads by day, session and room")
    func sessionsAndRecords() async throws {
        let f = try await Fixture.make()
        let morning = try await assign(f, f.radiographer, f.xrayRoom)
        let twice = await refusedField(f, f.radiographer, f.ctRoom)
        #expect(twice?.problem.contains("already covers X-ray 1") == true, "\(String(describing: twice))")
        let afternoon = try await assign(f, f.radiographer, f.ctRoom, .afternoon)
        let tomorrow = try await assign(f, f.radiographer2, f.xrayRoom, day: Fixture.today.adding(days: 1))
        let past = await refusedField(f, f.radiographer2, f.xrayRoom, day: Fixture.today.adding(days: -1))
        #expect(past?.field == "day")

        let week = try await f.department.viewRota(
            from: Fixture.today, to: Fixture.today.adding(days: 6), by: f.supportWorker)
        #expect(week.map(\.id) == [morning.id, afternoon.id, tomorrow.id])
        let ct = try await f.department.viewRota(
            from: Fixture.today, to: Fixture.today, roomID: f.ctRoom.id, by: f.supportWorker)
        #expect(ct.map(\.id) == [afternoon.id])
        #expect(
            try await f.department.viewRota.coverToday(roomID: f.xrayRoom.id, by: f.radiographer).map(\.id) == [
                morning.id
            ])
        let long = await f.expectRefused(.validationFailed) {
            _ = try await f.department.viewRota(
                from: Fixture.today, to: Fixture.today.adding(days: 90), by: f.supportWorker)
        }
        #expect(long?.fields.map(\.field) == ["to"])
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.viewRota(from: Fixture.today, to: Fixture.today, by: f.referrerActor)
        }

        let removed = try await f.department.removeRotaAssignment(
            .init(assignmentID: afternoon.id, reason: "Swapped with CT"), by: f.manager
        ).value
        #expect(removed.id == afternoon.id)
        let audit = try #require(await f.store.state.audit.last)
        #expect(audit.action == "rota.removed" && audit.detail.contains("Swapped with CT"))
        f.clock.advance(days: 1)
        _ = await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.removeRotaAssignment(.init(assignmentID: morning.id), by: f.manager)
        }
        _ = await f.expectRefused(.notFound) {
            _ = try await f.department.removeRotaAssignment(.init(assignmentID: afternoon.id), by: f.manager)
        }
    }
}
