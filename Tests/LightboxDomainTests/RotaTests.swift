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

    @Test("Sessions have configured clock times; entitlements cover the whole session; no overlapping times")
    func sessionTimes() async throws {
        var configuration = DepartmentConfiguration.default
        #expect(configuration.rotaSessionTimes.morning.text == "08:00–13:00")
        #expect(configuration.rotaSessionTimes.night.text == "22:00–08:00")
        // A department whose morning runs into its afternoon, and whose night ends at 09:00.
        configuration.rotaSessionTimes.morning = .init(8, 14)
        configuration.rotaSessionTimes.night = .init(20, 9)
        let f = try await Fixture.make(configuration: configuration)
        let zone = configuration.timeZone
        let morning = try await assign(f, f.radiographer, f.xrayRoom)
        #expect(morning.times.text == "08:00–14:00")
        #expect(morning.interval(in: zone).start == Fixture.today.start(in: zone).addingTimeInterval(8 * 3600))
        #expect(morning.interval(in: zone).duration == 6 * 3600)
        let afternoon = await refusedField(f, f.radiographer, f.ctRoom, .afternoon)
        #expect(
            afternoon?.problem.contains("already covers X-ray 1 at overlapping times") == true,
            "\(String(describing: afternoon))")
        // The evening (18:00-22:00) does not touch the morning: the same person covers it.
        _ = try await assign(f, f.radiographer, f.ctRoom, .evening)

        let tomorrow = Fixture.today.adding(days: 1)
        let night = try await assign(f, f.radiographer2, f.xrayRoom, .night)
        #expect(night.interval(in: zone).end == tomorrow.start(in: zone).addingTimeInterval(9 * 3600))
        let nextMorning = await refusedField(f, f.radiographer2, f.xrayRoom, day: tomorrow)
        #expect(nextMorning?.problem.contains("overlapping times") == true, "\(String(describing: nextMorning))")
        _ = try await assign(f, f.radiographer2, f.xrayRoom, day: tomorrow, .afternoon)

        // An entitlement from tomorrow 10:00 does not cover tomorrow's morning from 08:00, but all its afternoon.
        let partly = await refusedField(f, f.futureRadiographer, f.xrayRoom, day: tomorrow)
        #expect(partly?.code == .entitlementMissing && partly?.problem.contains("(08:00–14:00)") == true)
        let covered = try await assign(f, f.futureRadiographer, f.xrayRoom, day: tomorrow, .afternoon)
        #expect(covered.times.text == "13:00–18:00")
        #expect(await f.store.state.audit.last?.detail.contains("(13:00–18:00)") == true)
    }

    @Test("An assignment stored before sessions had times reads with its session's default times")
    func storedWithoutTimes() throws {
        let json = """
            {"id":"00000000-0000-0000-0000-000000000001","roomID":"00000000-0000-0000-0000-000000000002",\
            "roomName":"X-ray 1","day":"2026-11-24","session":"night","staffID":"00000000-0000-0000-0000-000000000003",\
            "staffName":"Grace Okafor","role":"operator","supervised":false,"assignedBy":"manager",\
            "assignedAt":"2026-11-24T10:00:00Z"}
            """
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let assignment = try decoder.decode(RotaAssignment.self, from: Data(json.utf8))
        #expect(assignment.times == RotaSessionTimes().night && assignment.times.crossesMidnight)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let again = try decoder.decode(RotaAssignment.self, from: try encoder.encode(assignment))
        #expect(again == assignment)
    }
}
