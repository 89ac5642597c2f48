import Foundation
import LightboxDomain
import Testing

/// Issue 15 item 5: a booking in the past, outside the service hours or on top of another in the
/// same room is refused with its reason, and the slot's length comes from the catalogue.
@Suite("Booking slots")
struct BookingSlotTests {
    /// 2026-11-25 (the fixture's tomorrow) at the given London time (GMT in November).
    static func tomorrow(_ hour: Int, _ minute: Int = 0) -> Date {
        Fixture.start.addingTimeInterval(86_400 - 10 * 3600 + TimeInterval(hour * 3600 + minute * 60))
    }

    func justified(_ f: Fixture, _ code: String = "XCHEST", priority: Priority = .routine) async throws -> Exam {
        try await f.justify(
            try await f.request(code, for: try await f.patient(sex: .male, age: 40), priority: priority))
    }

    func book(_ f: Fixture, _ exam: Exam, _ room: Room, at moment: Date) async throws -> Exam {
        try await f.department.bookExam(
            .init(examID: exam.id, roomID: room.id, scheduledAt: moment), by: f.supportWorker
        ).value
    }

    @Test("A booking in the past is refused, for booking and re-booking alike")
    func past() async throws {
        let f = try await Fixture.make()
        let exam = try await justified(f)
        let error = await f.expectRefused(.bookingInPast) {
            _ = try await book(f, exam, f.xrayRoom, at: f.clock.now() - 60)
        }
        #expect(error?.fields.map(\.field) == ["scheduledAt"])
        let booked = try await book(f, exam, f.xrayRoom, at: f.clock.now())
        await f.expectRefused(.bookingInPast) {
            _ = try await f.department.rebookExam(
                .init(examID: booked.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now() - 3600, reason: "Moved"),
                by: f.supportWorker)
        }
    }

    @Test("Outside the service hours (08:00-20:00 by default, configurable) is refused; an emergency is not")
    func serviceHours() async throws {
        let f = try await Fixture.make()
        let exam = try await justified(f)
        await f.expectRefused(.bookingOutsideServiceHours) {
            _ = try await book(f, exam, f.xrayRoom, at: Self.tomorrow(7, 45))
        }
        // A 15-minute slot at 19:50 would end after 20:00.
        await f.expectRefused(.bookingOutsideServiceHours) {
            _ = try await book(f, exam, f.xrayRoom, at: Self.tomorrow(19, 50))
        }
        let last = try await book(f, exam, f.xrayRoom, at: Self.tomorrow(19, 45))
        #expect(last.booking?.slotMinutes == 15)
        let emergency = try await justified(f, priority: .emergency)
        let night = try await book(f, emergency, f.xrayRoom, at: Self.tomorrow(23, 0))
        #expect(night.state == .booked)

        let local = try await Fixture.make(configuration: DepartmentConfiguration(serviceHours: 9...17))
        let early = try await justified(local)
        let error = await local.expectRefused(.bookingOutsideServiceHours) {
            _ = try await book(local, early, local.xrayRoom, at: Self.tomorrow(8, 30))
        }
        #expect(error?.fields.first?.problem.contains("09:00 to 17:00") == true, "\(String(describing: error))")
        _ = try await book(local, early, local.xrayRoom, at: Self.tomorrow(9, 0))
    }

    @Test("Two exams in one room and slot are refused; another room, a later slot or a freed slot is not")
    func clash() async throws {
        let f = try await Fixture.make()
        let first = try await book(f, try await justified(f), f.xrayRoom, at: Self.tomorrow(11, 0))
        let second = try await justified(f)
        let error = await f.expectRefused(.bookingSlotTaken) {
            _ = try await book(f, second, f.xrayRoom, at: Self.tomorrow(11, 10))
        }
        #expect(error?.kind == .conflict)
        #expect(error?.message.contains(first.accessionNumber) == true)
        await f.expectRefused(.bookingSlotTaken) {
            _ = try await book(f, second, f.xrayRoom, at: Self.tomorrow(10, 50))
        }
        _ = try await book(f, second, f.crRoom, at: Self.tomorrow(11, 10))
        let third = try await justified(f)
        _ = try await book(f, third, f.xrayRoom, at: Self.tomorrow(11, 15))
        // Cancelling the first frees its slot.
        _ = try await f.department.cancelExam(.init(examID: first.id, reason: "Withdrawn"), by: f.radiographer)
        let fourth = try await justified(f)
        _ = try await book(f, fourth, f.xrayRoom, at: Self.tomorrow(11, 0))
        // Re-booking into a taken slot is refused the same way.
        await f.expectRefused(.bookingSlotTaken) {
            _ = try await f.department.rebookExam(
                .init(examID: fourth.id, roomID: f.xrayRoom.id, scheduledAt: Self.tomorrow(11, 20), reason: "Later"),
                by: f.supportWorker)
        }
    }

    @Test("The slot's length comes from the catalogue entry, else the configured default")
    func slotLengthFromCatalogue() async throws {
        let f = try await Fixture.make(configuration: DepartmentConfiguration(defaultSlotMinutes: 10))
        var entry = try #require(SampleCatalogue.entries.first { $0.code == "CHEADN" })
        entry.slotMinutes = 40
        _ = try await f.department.upsertCatalogueEntries(.init(entries: [entry]), by: f.manager)
        let head = try await book(f, try await justified(f, "CHEADN"), f.ctRoom, at: Self.tomorrow(11, 0))
        #expect(head.booking?.slotMinutes == 40)
        let next = try await justified(f, "CHEADN")
        await f.expectRefused(.bookingSlotTaken) {
            _ = try await book(f, next, f.ctRoom, at: Self.tomorrow(11, 30))
        }
        _ = try await book(f, next, f.ctRoom, at: Self.tomorrow(11, 40))
        // A chest X-ray takes the department's default of 10 minutes.
        let chest = try await book(f, try await justified(f), f.xrayRoom, at: Self.tomorrow(11, 0))
        #expect(chest.booking?.slotMinutes == 10)
        _ = try await book(f, try await justified(f), f.xrayRoom, at: Self.tomorrow(11, 10))

        entry.slotMinutes = 0
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.upsertCatalogueEntries(.init(entries: [entry]), by: f.manager)
        }
    }
}
