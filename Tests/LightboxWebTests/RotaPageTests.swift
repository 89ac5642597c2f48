import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

/// The rota through the API and its page: the manager puts staff on it (an operator's entitlement checked, the
/// refusal named), each session at its clock times, the week shows who covers each room with the room's service
/// hours, a room's worklist and the equipment page show its cover, and the manager takes someone off; others read it
/// and may not change it. Booking keeps to the service hours the rota shows, through the API and the pages.
@Suite("Rota pages")
struct RotaPageTests {
    @Test("The API assigns with the entitlement checked, lists, and removes", arguments: TestEngine.allCases)
    func api(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let manager = seeded.tokens[.manager]
            let ct = seeded.rooms["ct"]!.id
            let day = CalendarDate(seeded.clock.now(), in: seeded.configuration.timeZone).iso
            let ap = seeded.staff["ap"]!.id
            let refused = try await api.send(
                .post, "/api/rota", token: manager,
                json: #"{"roomID":"\#(ct)","day":"\#(day)","session":"morning","staffID":"\#(ap)","role":"operator"}"#)
            #expect(refused.status == .unprocessableContent && refused.problemFields == ["staffID"], "\(refused.text)")
            let assigned = try await api.send(
                .post, "/api/rota", token: manager,
                json: """
                    {"roomID":"\(ct)","day":"\(day)","session":"morning",\
                    "staffID":"\(seeded.staff["radiographer"]!.id)","role":"operator"}
                    """)
            #expect(assigned.status == .created, "\(assigned.text)")
            #expect(assigned.json?["value"]?["times"]?["start"] == .number(480), "\(assigned.text)")
            #expect(assigned.json?["value"]?["times"]?["end"] == .number(780))
            let id = try #require(assigned.string("value.id"))
            // A night (22:00 to 08:00) ends as the next morning starts: the same person covers both; a second night
            // at the same time in another room is refused.
            let radiographer2 = seeded.staff["radiographer2"]!.id
            let xr = seeded.rooms["xr"]!.id
            let tomorrow = try CalendarDate(iso: day).adding(days: 1).iso
            let night = try await api.send(
                .post, "/api/rota", token: manager,
                json: #"{"roomID":"\#(xr)","day":"\#(day)","session":"night","staffID":"\#(radiographer2)","role":"operator"}"#)
            #expect(night.status == .created && night.json?["value"]?["times"]?["end"] == .number(480), "\(night.text)")
            let nextMorning = try await api.send(
                .post, "/api/rota", token: manager,
                json: """
                    {"roomID":"\(xr)","day":"\(tomorrow)","session":"morning","staffID":"\(radiographer2)",\
                    "role":"operator"}
                    """)
            #expect(nextMorning.status == .created, "\(nextMorning.text)")
            let twice = try await api.send(
                .post, "/api/rota", token: manager,
                json: #"{"roomID":"\#(ct)","day":"\#(day)","session":"night","staffID":"\#(radiographer2)","role":"support"}"#)
            #expect(twice.status == .unprocessableContent && twice.text.contains("at overlapping times"), "\(twice.text)")
            let forbidden = try await api.send(
                .post, "/api/rota", token: seeded.tokens[.radiographer],
                json: #"{"roomID":"\#(ct)","day":"\#(day)","session":"evening","staffID":"\#(ap)","role":"support"}"#)
            #expect(forbidden.status == .forbidden)
            let listed = try await api.send(
                .get, "/api/rota?from=\(day)&roomID=\(ct)", token: seeded.tokens[.supportWorker])
            #expect(listed.status == .ok && listed.text.contains("Grace Okafor"), "\(listed.text)")
            let bad = try await api.send(.get, "/api/rota?from=today", token: manager)
            #expect(bad.status == .unprocessableContent && bad.problemFields == ["from"])
            let removed = try await api.send(.delete, "/api/rota/\(id)?reason=Sick", token: manager)
            #expect(removed.status == .ok, "\(removed.text)")
            let left = try await api.send(.get, "/api/rota?from=\(day)&roomID=\(ct)", token: manager)
            #expect(left.text == "[]", "\(left.text)")
        }
    }

    @Test("The manager fills the week on the page; the worklist shows the room's cover; errors are summarised")
    func page() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            try await PageTests.account(seeded, "m.lee", .manager, person: nil)
            var browser = PageSession(client)
            _ = try await browser.signIn("m.lee", PageTests.password)
            let page = try await browser.get("/rota")
            #expect(page.status == .ok && page.html.contains("rota-form") && page.html.contains("Morning"))
            let token = page.formToken ?? ""
            let day = CalendarDate(seeded.clock.now(), in: seeded.configuration.timeZone).iso
            let xr = seeded.rooms["xr"]!.id.uuidString
            let wrong = try await browser.post(
                "/rota",
                [
                    ("_csrf", token), ("day", day), ("session", "morning"), ("roomID", xr),
                    ("staffID", seeded.staff["expired"]!.id.uuidString), ("role", "operator"), ("note", ""),
                ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains(##"href="#field-staffID""##) && wrong.html.contains("Lewis Evans holds no"))
            let empty = try await browser.post("/rota", [("_csrf", token), ("day", "")])
            #expect(empty.status == .unprocessableContent)
            for field in ["day", "session", "roomID", "staffID", "role"] {
                #expect(empty.html.contains(##"href="#field-\##(field)""##), "\(field)")
            }
            #expect(try await browser.post("/rota", [("day", day)]).status == .forbidden)
            let sent = try await browser.post(
                "/rota",
                [
                    ("_csrf", token), ("day", day), ("session", "morning"), ("roomID", xr),
                    ("staffID", seeded.staff["ap"]!.id.uuidString), ("role", "operator"), ("note", ""),
                ])
            #expect(sent.status == .seeOther, "\(sent.html)")
            let week = try await browser.get(sent.headers[.location] ?? "")
            #expect(week.html.contains("Added to the rota") && week.html.contains("Jade Price (supervised)"))
            #expect(week.html.contains("Morning 08:00–13:00") && week.html.contains("Night 22:00–08:00"))
            #expect(week.html.contains("Service hours: every day 08:00 to 20:00"), "\(week.html)")
            #expect(week.html.contains(">Afternoon, 13:00–18:00<"))
            let equipment = try await browser.get("/equipment")
            #expect(
                equipment.html.contains("<strong>Today:</strong> Morning 08:00–13:00: Jade Price (supervised)"),
                "\(equipment.html)")
            #expect(equipment.html.contains("This week") && equipment.html.contains("Nobody on the rota today"))

            var radiographer = PageSession(client)
            _ = try await radiographer.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let worklist = try await radiographer.get("/worklist/\(xr)")
            #expect(
                worklist.html.contains("On the rota: Morning 08:00–13:00: Jade Price (supervised)"), "\(worklist.html)")
            let readOnly = try await radiographer.get("/rota")
            #expect(readOnly.html.contains("Jade Price") && !readOnly.html.contains("rota-form"))

            let assignment = try #require(
                try await seeded.department.viewRota(
                    from: try CalendarDate(iso: day), to: try CalendarDate(iso: day),
                    by: Actor(staffID: nil, username: "t", role: .manager, door: .system)
                ).first)
            #expect(
                try await radiographer.post(
                    "/rota/\(assignment.id.uuidString)/removal", [("_csrf", readOnly.formToken ?? "")]
                ).status == .forbidden)
            let removed = try await browser.post("/rota/\(assignment.id.uuidString)/removal", [("_csrf", token)])
            #expect(removed.status == .seeOther)
            #expect(try await browser.get(removed.headers[.location] ?? "").html.contains("Taken off the rota"))
            #expect(try await radiographer.get("/worklist/\(xr)").html.contains("Nobody is on the rota"))
        }
    }

    @Test(
        "Booking keeps to the service hours the rota shows: re-booking outside them is refused by the API and the page",
        arguments: TestEngine.allCases)
    func serviceHours(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XCHEST")
            try await path.justify(exam)
            try await path.book(exam)
            let booked = try await OperationsFormsPageTests.exam(seeded, exam).booking?.scheduledAt
            let xr = seeded.rooms["xr"]!.id.uuidString
            // The seeded clock is 2026-03-02 09:00 UTC (GMT in London); the department's hours are 08:00 to 20:00.
            let late = try await path.step(
                exam, "rebooking", by: path.token("support"),
                #"{"roomID":"\#(xr)","scheduledAt":"2026-03-03T20:30:00Z","reason":"Patient asked"}"#, expect: 422)
            #expect(late.problemType == "https://lightbox.example/problems/booking.outside-service-hours")
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let page = try await browser.get("/exams/\(exam)")
            let early = try await browser.post(
                "/exams/\(exam)/rebooking",
                [
                    ("_csrf", page.formToken ?? ""), ("roomID", xr), ("scheduledAt", "2026-03-03T07:30"),
                    ("reason", "Patient asked"),
                ])
            #expect(early.status == .unprocessableContent && early.html.contains("outside the service hours"))
            #expect(try await OperationsFormsPageTests.exam(seeded, exam).booking?.scheduledAt == booked)

            // The room opens Monday to Friday, 08:00 to 18:00: the rota says so and booking follows it.
            let hours = try await path.api.send(
                .put, "/api/rooms/\(xr)/service-hours", token: path.roleToken(.manager),
                json: #"{"serviceHours":{"days":[1,2,3,4,5],"opens":8,"closes":18}}"#)
            #expect(hours.status == .ok, "\(hours.text)")
            let rota = try await browser.get("/rota")
            #expect(rota.html.contains("Service hours: Mon–Fri 08:00 to 18:00"), "\(rota.html)")
            let evening = try await path.step(
                exam, "rebooking", by: path.token("support"),
                #"{"roomID":"\#(xr)","scheduledAt":"2026-03-03T18:30:00Z","reason":"Patient asked"}"#, expect: 422)
            #expect(evening.problemType == "https://lightbox.example/problems/booking.outside-service-hours")
            let saturday = try await path.step(
                exam, "rebooking", by: path.token("support"),
                #"{"roomID":"\#(xr)","scheduledAt":"2026-03-07T10:00:00Z","reason":"Patient asked"}"#, expect: 422)
            #expect(saturday.problemType == "https://lightbox.example/problems/booking.outside-service-hours")
            try await path.step(
                exam, "rebooking", by: path.token("support"),
                #"{"roomID":"\#(xr)","scheduledAt":"2026-03-03T17:00:00Z","reason":"Patient asked"}"#)
        }
    }
}
