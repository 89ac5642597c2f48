import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// The booking desk and reception through HTTP (issue 14): the waiting list, room calendars where exams are booked
/// and re-booked, reception's arrivals, letters and instruction sheets, did-not-attend and cancelling, each over
/// the same use cases as the API, and the refusals that leave the stored exam as it was.
@Suite("Booking pages")
struct BookingPageTests {
    /// The seeded clock's day (Monday 2 March 2026, 09:00 in London, which is UTC in March).
    static let today = "2026-03-02"

    static func signIn(
        _ client: any TestClientProtocol, _ seeded: SeededDepartment, _ username: String, _ role: AccessRole,
        person: String?
    ) async throws -> PageSession {
        try await PageTests.account(seeded, username, role, person: person)
        var session = PageSession(client)
        let signedIn = try await session.signIn(username, PageTests.password)
        #expect(signedIn.status == .seeOther, "sign in \(username)")
        return session
    }

    static func exam(_ seeded: SeededDepartment, _ id: String) async throws -> Exam? {
        try await seeded.store.transaction { try await $0.exams.get(UUID(uuidString: id)!) }
    }

    /// A request with a chosen priority, justified by the radiographer (or `justifier`).
    static func justified(
        _ path: Pathway, _ patient: String, _ code: String, priority: String = "routine",
        justifier: String = "radiographer", pregnancy: String? = nil
    ) async throws -> String {
        let pregnancyJSON = pregnancy.map { ",\"pregnancyStatus\":\"\($0)\"" } ?? ""
        let response = try await path.api.send(
            .post, "/api/requests", token: path.roleToken(.referrer),
            json: """
                {"identifiers":\(path.identifiersJSON(patient)),"examCode":"\(code)",\
                "clinicalQuestion":"? pathology","referrerID":"\(path.seeded.referrer.id)","priority":"\(priority)"\(pregnancyJSON)}
                """)
        #expect(response.status == .created, "\(response.text)")
        let exam = response.string("value.id") ?? ""
        try await path.justify(exam, by: justifier)
        return exam
    }

    /// Posts the calendar's booking form for `exam` into `room` at `time` (local, "2026-03-02T10:00").
    static func book(
        _ session: inout PageSession, room: UUID, exam: String, at time: String?, reason: String? = nil,
        token: String? = nil
    ) async throws -> PageSession.Page {
        let form = try await session.get("/booking/rooms/\(room.uuidString)?date=\(today)&exam=\(exam)")
        var fields = [("_csrf", token ?? form.formToken ?? ""), ("examID", exam), ("date", today), ("view", "day")]
        if let time { fields.append(("scheduledAt", time)) }
        if let reason { fields.append(("reason", reason)) }
        return try await session.post("/booking/rooms/\(room.uuidString)", fields)
    }

    @Test(
        "Book from the calendar, see it there and at reception, arrive, re-book, did not attend, cancel",
        arguments: TestEngine.allCases)
    func bookingJourney(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.justified(path, "woman", "XCHEST")
            let room = try #require(seeded.rooms["xr"]).id
            var desk = try await Self.signIn(client, seeded, "desk.worker", .supportWorker, person: "support")

            let home = try await desk.get("/")
            #expect(home.html.contains("href=\"/booking\""), "the navigation and home lead to the waiting list")
            #expect(home.html.contains("href=\"/reception\""))
            let waiting = try await desk.get("/booking")
            #expect(waiting.status == .ok)
            #expect(waiting.html.contains("/booking/rooms/\(room.uuidString)?exam=\(exam)"), "Book opens the calendar")

            let calendar = try await desk.get("/booking/rooms/\(room.uuidString)?exam=\(exam)")
            #expect(calendar.status == .ok)
            #expect(calendar.html.contains("Service hours: every day 08:00 to 20:00; 15-minute slots."))
            #expect(calendar.html.contains(#"value="2026-03-02T10:00""#), "a free slot to choose")
            #expect(!calendar.html.contains(#"value="2026-03-02T08:45""#), "a past slot is not offered")
            #expect(calendar.html.contains("Book the chosen slot"))

            let booked = try await Self.book(&desk, room: room, exam: exam, at: "2026-03-02T10:00")
            #expect(booked.status == .seeOther, "\(booked.html)")
            let location = try #require(booked.headers[.location])
            #expect(location.contains("done=booking"))
            var stored = try #require(try await Self.exam(seeded, exam))
            #expect(stored.state == .booked)
            #expect(stored.booking?.roomID == room)
            #expect(stored.booking?.scheduledAt == seeded.clock.now().addingTimeInterval(3600))
            #expect(stored.history.last?.actorUsername == "desk.worker")

            let after = try await desk.get(location)
            #expect(after.html.contains("Appointment booked"))
            #expect(after.html.contains("Siobhan") && after.html.contains("/exams/\(exam)"), "the calendar shows it")
            let week = try await desk.get("/booking/rooms/\(room.uuidString)?date=2026-03-04&view=week")
            #expect(week.html.contains("Mon 2 Mar 2026") && week.html.contains("Sun 8 Mar 2026"))
            #expect(week.html.contains("Siobhan"))
            #expect(!(try await desk.get("/booking")).html.contains("/exams/\(exam)"), "no longer waiting")

            // Reception: today's list, the letter, the arrival.
            let reception = try await desk.get("/reception")
            #expect(reception.status == .ok)
            #expect(reception.html.contains("Mon 2 Mar 2026 (today)"))
            #expect(reception.html.contains("X-ray 1") && reception.html.contains("10:00"))
            #expect(reception.html.contains("id=\"arrive-\(exam)\""))
            let letter = try await desk.get("/exams/\(exam)/letter")
            #expect(letter.status == .ok)
            #expect(letter.html.contains("Mon 2 Mar 2026 at 10:00"))
            #expect(letter.html.contains("data-print"))
            let arrived = try await desk.post(
                "/reception/arrivals", [("_csrf", reception.formToken ?? ""), ("examID", exam), ("date", Self.today)])
            #expect(arrived.status == .seeOther)
            #expect(try await Self.exam(seeded, exam)?.state == .arrived)
            let again = try await desk.get(arrived.headers[.location] ?? "")
            #expect(again.html.contains("Arrival recorded") && !again.html.contains("id=\"arrive-\(exam)\""))

            // Re-book: the reason is required; without it nothing changes.
            let noReason = try await Self.book(&desk, room: room, exam: exam, at: "2026-03-02T11:00")
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.html.contains("error-summary") && noReason.html.contains("href=\"#field-reason\""))
            stored = try #require(try await Self.exam(seeded, exam))
            #expect(stored.state == .arrived)
            #expect(stored.booking?.scheduledAt == seeded.clock.now().addingTimeInterval(3600))
            let rebooked = try await Self.book(
                &desk, room: room, exam: exam, at: "2026-03-02T11:00", reason: "Patient asked for later")
            #expect(rebooked.status == .seeOther)
            stored = try #require(try await Self.exam(seeded, exam))
            #expect(stored.state == .booked)
            #expect(stored.booking?.scheduledAt == seeded.clock.now().addingTimeInterval(2 * 3600))

            // Did not attend, from the exam page: back on the waiting list to re-book.
            let examPage = try await desk.get("/exams/\(exam)")
            let dna = try await desk.post(
                "/exams/\(exam)/did-not-attend", [("_csrf", examPage.formToken ?? ""), ("reason", "No contact")])
            #expect(dna.status == .seeOther)
            #expect(try await Self.exam(seeded, exam)?.state == .didNotAttend)
            let list = try await desk.get("/booking")
            #expect(list.html.contains("Did not attend: to re-book") && list.html.contains("Re-book"))
            let dnaRebooked = try await Self.book(
                &desk, room: room, exam: exam, at: "2026-03-02T12:00", reason: "Rang the patient: new time agreed")
            #expect(dnaRebooked.status == .seeOther)
            #expect(try await Self.exam(seeded, exam)?.state == .booked)

            // Cancelled by a radiographer: off the calendar and the slot free again.
            var radiographer = try await Self.signIn(client, seeded, "g.okafor", .radiographer, person: "radiographer")
            let page = try await radiographer.get("/exams/\(exam)")
            let cancelled = try await radiographer.post(
                "/exams/\(exam)/cancellation", [("_csrf", page.formToken ?? ""), ("reason", "No longer needed")])
            #expect(cancelled.status == .seeOther)
            #expect(try await Self.exam(seeded, exam)?.state == .cancelled)
            let freed = try await desk.get("/booking/rooms/\(room.uuidString)?date=\(Self.today)")
            #expect(!freed.html.contains("/exams/\(exam)"))
            #expect(!(try await desk.get("/booking")).html.contains("/exams/\(exam)"))

            let actions = try AuditRows.query(
                database, "SELECT action FROM audit_entries WHERE action LIKE 'exam.%' ORDER BY sequence")
            #expect(actions.contains("exam.letter"), "printing the letter is audited")
            #expect(actions.contains("exam.booked") && actions.contains("exam.rebooked"))
        }
    }

    @Test("Refusals: outside the hours, a taken slot, the past, no slot, a suspended room; nothing changes")
    func bookingRefusals() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let first = try await Self.justified(path, "man", "XCHEST")
            let second = try await Self.justified(path, "elderly", "XCHEST")
            let room = try #require(seeded.rooms["xr"]).id
            var desk = try await Self.signIn(client, seeded, "desk.worker", .supportWorker, person: "support")
            #expect(try await Self.book(&desk, room: room, exam: first, at: "2026-03-02T10:00").status == .seeOther)

            func refused(_ time: String?, _ words: String, sourceLocation: SourceLocation = #_sourceLocation)
                async throws
            {
                let page = try await Self.book(&desk, room: room, exam: second, at: time)
                #expect(page.status == .unprocessableContent, sourceLocation: sourceLocation)
                #expect(page.html.contains("class=\"error-summary\""), sourceLocation: sourceLocation)
                #expect(page.html.contains(words), "\(page.html)", sourceLocation: sourceLocation)
                let stored = try await Self.exam(seeded, second)
                #expect(stored?.state == .justified && stored?.booking == nil, sourceLocation: sourceLocation)
            }
            try await refused("2026-03-02T20:00", "outside the service hours")
            try await refused("2026-03-02T10:00", "overlaps another booking in this room")
            try await refused("2026-03-02T08:30", "is in the past")
            let noSlot = try await Self.book(&desk, room: room, exam: second, at: nil)
            #expect(noSlot.status == .unprocessableContent)
            #expect(noSlot.html.contains("Slot: choose a free slot") && noSlot.html.contains("href=\"#slot-"))
            let taken = try await desk.get("/booking/rooms/\(room.uuidString)?exam=\(second)")
            #expect(!taken.html.contains(#"value="2026-03-02T10:00""#), "the taken slot is not offered")

            // A CT exam is not offered the X-ray room's slots.
            let ct = try await Self.justified(path, "man", "CHEADN", justifier: "radiologist")
            let wrongRoom = try await desk.get("/booking/rooms/\(room.uuidString)?exam=\(ct)")
            #expect(wrongRoom.html.contains("needs another room") && !wrongRoom.html.contains("type=\"radio\""))

            let manager = Actor(staffID: nil, username: "test-manager", role: .manager, door: .system)
            _ = try await seeded.department.setRoomStatus(
                .init(roomID: room, status: .suspended, reason: "Tube failure"), by: manager)
            let closed = try await desk.get("/booking/rooms/\(room.uuidString)?exam=\(second)")
            #expect(closed.html.contains("X-ray 1 is suspended (Tube failure) and takes no bookings."))
            #expect(!closed.html.contains("type=\"radio\""), "no slot of a suspended room can be chosen")
            try await refused("2026-03-02T11:00", "X-ray 1 is suspended")
            let list = try await desk.get("/booking")
            #expect(list.html.contains("Room suspended: to re-book"), "its booked exam waits to be re-booked")
        }
    }

    @Test("Roles without the permission are refused; a form without its token changes nothing")
    func permissionsAndFormTokens() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.justified(path, "man", "XCHEST")
            let room = try #require(seeded.rooms["xr"]).id
            var student = try await Self.signIn(client, seeded, "s.chen", .student, person: "student")
            #expect(try await student.get("/booking").status == .forbidden)
            let calendar = try await student.get("/booking/rooms/\(room.uuidString)?exam=\(exam)")
            #expect(calendar.status == .forbidden && calendar.html.contains("This page is not for your role"))
            let home = try await student.get("/")
            #expect(!home.html.contains("href=\"/booking\""))
            let posted = try await student.post(
                "/booking/rooms/\(room.uuidString)",
                [("_csrf", home.formToken ?? ""), ("examID", exam), ("scheduledAt", "2026-03-02T10:00")])
            #expect(posted.status == .forbidden)
            #expect(try await Self.exam(seeded, exam)?.state == .justified)
            #expect(try await student.get("/reception").status == .ok, "a student records arrivals")

            var physicist = try await Self.signIn(client, seeded, "m.physics", .physicist, person: nil)
            #expect(try await physicist.get("/reception").status == .forbidden)

            var desk = try await Self.signIn(client, seeded, "desk.worker", .supportWorker, person: "support")
            let forged = try await Self.book(
                &desk, room: room, exam: exam, at: "2026-03-02T10:00", token: CSRFTokenForTests.other)
            #expect(forged.status == .forbidden && forged.html.contains("This form cannot be accepted"))
            let noToken = try await desk.post(
                "/booking/rooms/\(room.uuidString)", [("examID", exam), ("scheduledAt", "2026-03-02T10:00")])
            #expect(noToken.status == .forbidden)
            #expect(try await Self.exam(seeded, exam)?.state == .justified)
            #expect(try await Self.book(&desk, room: room, exam: exam, at: "2026-03-02T10:00").status == .seeOther)
            let arrival = try await desk.post("/reception/arrivals", [("examID", exam)])
            #expect(arrival.status == .forbidden)
            #expect(try await Self.exam(seeded, exam)?.state == .booked)
        }
    }

    @Test("The waiting list: priority first, then the longest wait; the six-week clock from the configuration")
    func waitingListOrderAndClock() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let day: TimeInterval = 86400
            let longest = try await Self.justified(path, "man", "XCHEST")  // 50 days by the end
            seeded.clock.advance(by: 14 * day)
            let nearing = try await Self.justified(path, "elderly", "XCSPIN")  // 36 days
            seeded.clock.advance(by: 28 * day)
            let recent = try await Self.justified(path, "woman", "XCHEST")  // 8 days
            seeded.clock.advance(by: 5 * day)
            let urgent = try await Self.justified(path, "man", "XCSPIN", priority: "urgent")  // 3 days
            seeded.clock.advance(by: 3 * day)

            var desk = try await Self.signIn(client, seeded, "desk.worker", .supportWorker, person: "support")
            let page = try await desk.get("/booking")
            #expect(page.status == .ok)
            let positions = [urgent, longest, nearing, recent].map { page.html.range(of: "/exams/\($0)")?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil })
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "urgent, then longest wait")
            let rows = page.html.components(separatedBy: "<tr class=\"waiting-row")
            func row(_ exam: String) -> String { rows.first { $0.contains("/exams/\(exam)\"") } ?? "" }
            #expect(row(longest).contains("7 weeks (50 days)") && row(longest).contains("Over 6 weeks"))
            #expect(row(longest).contains("table__row--flagged") && row(longest).contains("tag--red"))
            #expect(row(nearing).contains("5 weeks (36 days)") && row(nearing).contains("Nearing 6 weeks"))
            #expect(row(recent).contains("1 week (8 days)") && row(recent).contains("Within the target"))
            #expect(!row(recent).contains("table__row--flagged"))
            #expect(page.html.contains("1 waiting 6 weeks or more; 1 waiting 5 weeks or more"))
            let audited = try AuditRows.query(
                database, "SELECT detail FROM audit_entries WHERE action = 'exam.list' ORDER BY sequence")
            #expect(audited.contains { $0.contains("Viewed the waiting list: 4 exams, 1 at or over 6 weeks") })
        }
    }

    @Test("The diagnostic clock follows the configured target and warning point, not a literal")
    func clockFromConfiguration() {
        let now = PageModelTests.now
        let exam = PageModelTests.exam(.justified, requestedDaysAgo: 50)
        let standard = WaitingListEntry(exam: exam, reason: .toBook, now: now, configuration: .default)
        #expect(standard.weeksWaited == 7 && standard.clock == .breached)
        var local = DepartmentConfiguration.default
        local.diagnosticWaitWeeks = 8
        local.diagnosticWaitWarningWeeks = 7
        #expect(WaitingListEntry(exam: exam, reason: .toBook, now: now, configuration: local).clock == .nearing)
        local.diagnosticWaitWarningWeeks = 8
        #expect(WaitingListEntry(exam: exam, reason: .toBook, now: now, configuration: local).clock == .within)
        let model = WaitingListPageModel(
            layout: .visitor(title: "Waiting list"),
            entries: [WaitingListEntry(exam: exam, reason: .didNotAttend, now: now, configuration: local)],
            patients: [:], rooms: [], configuration: local)
        #expect(model.rows.first?.clock == "Within the target")
        #expect(model.rows.first?.reason == "Did not attend: to re-book")
        #expect(model.lede.contains("over the target at 8 weeks"))
    }

    @Test("Letters carry the instructions that apply: pregnancy, contrast, fasting; only for booked exams")
    func lettersAndInstructions() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let setup = Actor(staffID: nil, username: "test-setup", role: .manager, door: .system)
            var entry = CatalogueEntry(
                code: "CABFST", name: "CT Abdomen pelvis, fasting", modality: .CT, bodyRegion: .abdomen,
                projections: ["Portal venous"], pregnancyRelevant: true, highDose: true, contrast: .intravenous)
            entry.fastingHours = 4
            _ = try await seeded.department.upsertCatalogueEntries(.init(entries: [entry]), by: setup)
            var tooLong = entry
            tooLong.fastingHours = 48
            await #expect(throws: DomainError.self) {
                _ = try await seeded.department.upsertCatalogueEntries(.init(entries: [tooLong]), by: setup)
            }

            let path = Pathway(seeded: seeded, api: APIClient(client))
            let woman = try await Self.justified(path, "woman", "CABFST", justifier: "radiologist", pregnancy: "no")
            let man = try await Self.justified(path, "man", "XCHEST")
            var desk = try await Self.signIn(client, seeded, "desk.worker", .supportWorker, person: "support")
            let notBooked = try await desk.get("/exams/\(woman)/letter")
            #expect(notBooked.status == .conflict && notBooked.html.contains("printed for a booked exam"))

            let ct = try #require(seeded.rooms["ct"]).id
            let xr = try #require(seeded.rooms["xr"]).id
            #expect(try await Self.book(&desk, room: ct, exam: woman, at: "2026-03-02T14:00").status == .seeOther)
            #expect(try await Self.book(&desk, room: xr, exam: man, at: "2026-03-02T14:00").status == .seeOther)

            let letter = try await desk.get("/exams/\(woman)/letter")
            #expect(letter.status == .ok)
            #expect(letter.html.contains("Mon 2 Mar 2026 at 14:00") && letter.html.contains("CT 1"))
            #expect(letter.html.contains("BS1 4DJ") && letter.html.contains("NHS number 943 476 5870"))
            #expect(letter.html.contains("id=\"sheet-pregnancy\""))
            #expect(letter.html.contains("within the first 10 days after your period starts"))
            #expect(letter.html.contains("id=\"sheet-contrast\"") && letter.html.contains("given into a vein"))
            #expect(letter.html.contains("id=\"sheet-fasting\"") && letter.html.contains("do not eat for 4 hours"))
            let chest = try await desk.get("/exams/\(man)/letter")
            #expect(chest.status == .ok && !chest.html.contains("class=\"instructions\""), "a chest X-ray needs none")
            let css = try await desk.get("/static/lightbox.css")
            #expect(css.html.contains("@media print") && css.html.contains(".instructions { break-before: page"))
        }
    }

    @Test("Pause and Check's pregnancy override: refused without it, recorded with a practitioner and a doctor")
    func pregnancyOverride() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.justified(path, "woman", "XPELVI", pregnancy: "no")
            try await path.book(exam)
            try await path.arrive(exam)
            var radiographer = try await Self.signIn(client, seeded, "g.okafor", .radiographer, person: "radiographer")
            let page = try await radiographer.get("/exams/\(exam)")
            #expect(page.html.contains("Override: practitioner taking responsibility"))
            #expect(
                page.html.contains("Override: countersigning doctor") && page.html.contains("ADEYEMI, Tolu, referrer"))
            let checklist: [(String, String)] = [
                ("_csrf", page.formToken ?? ""), ("identity.identifiers", "name"),
                ("identity.identifiers", "dateOfBirth"), ("identity.identifiers", "nhsNumber"),
                ("identity.methods", "verbal"), ("anatomy.bodyPartConfirmed", "true"), ("pregnancy.answer", "unsure"),
                ("pregnancy.method", "direct"), ("equipmentAndSettingsConfirmed", "true"),
            ]
            let refused = try await radiographer.post("/exams/\(exam)/pause-and-check", checklist)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("href=\"#pause-and-check-field-pregnancy-override-practitionerStaffID\""))
            #expect(refused.html.contains("href=\"#pause-and-check-field-pregnancy-override-reason\""))
            #expect(try await Self.exam(seeded, exam)?.state == .arrived)

            let practitioner = try #require(seeded.staff["radiographer"]).id.uuidString
            let doctor = try #require(seeded.staff["radiologist"]).id.uuidString
            let overridden = try await radiographer.post(
                "/exams/\(exam)/pause-and-check",
                checklist + [
                    ("pregnancy.override.practitionerStaffID", practitioner),
                    ("pregnancy.override.countersigningDoctorID", doctor),
                    ("pregnancy.override.reason", "Trauma: the benefit outweighs the risk"),
                ])
            #expect(overridden.status == .seeOther, "\(overridden.html)")
            let stored = try #require(try await Self.exam(seeded, exam))
            #expect(stored.state == .checked)
            let override = stored.pauseAndCheck?.pregnancy?.override
            #expect(override?.practitionerStaffID?.uuidString == practitioner)
            #expect(override?.countersignedBy?.contains("Shah") == true)
        }
    }
}
