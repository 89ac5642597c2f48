import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

/// The rota through the API and its page: the manager puts staff on it (an operator's entitlement checked, the
/// refusal named), the week shows who covers each room, a room's worklist shows its cover, and the manager takes
/// someone off; others read it and may not change it.
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
            let id = try #require(assigned.string("value.id"))
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
            #expect(try await api.send(.get, "/api/rota?from=\(day)", token: manager).text == "[]")
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

            var radiographer = PageSession(client)
            _ = try await radiographer.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let worklist = try await radiographer.get("/worklist/\(xr)")
            #expect(worklist.html.contains("On the rota: Morning: Jade Price (supervised)"), "\(worklist.html)")
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
}
