import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

/// The incident pages through HTTP (issue 17): report an incident (the error summary linking each wrong field,
/// nothing stored on a refusal, the form token required), the list with its filters, and the incident's page with
/// the investigation, duty-of-candour, dose incident and closure forms; roles that may not are refused.
@Suite("Incident pages")
struct IncidentPageTests {
    static func incidentCount(_ seeded: SeededDepartment) async throws -> Int {
        try await seeded.store.transaction { try await $0.incidents.list(IncidentQuery()) }.count
    }

    @Test("A radiographer reports an incident about an exam; a wrong form comes back with the error summary")
    func report() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let examID = try await path.request("man", "XKNEEJ", laterality: "left")
            try await path.justify(examID)
            try await path.book(examID)
            let exam = try #require(
                try await seeded.store.transaction { try await $0.exams.get(UUID(uuidString: examID)!) })
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let home = try await browser.get("/")
            #expect(home.html.contains(#"href="/incidents""#), "navigation")
            let form = try await browser.get("/incidents/new?examID=\(examID)")
            #expect(form.status == .ok && form.html.contains("Report an incident"))
            #expect(form.html.contains("Wrong exam, side or body part") && form.html.contains(exam.accessionNumber))
            #expect(!form.html.contains(">near-miss<") && form.html.contains("Near miss: caught before"))
            let token = form.formToken ?? ""

            let wrong = try await browser.post(
                "/incidents",
                [
                    ("_csrf", token), ("kind", "incident"), ("category", ""), ("occurredAt", "yesterday"),
                    ("accessionNumber", "NOPE"), ("whatHappened", ""), ("immediateActions", ""),
                ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains(#"class="error-summary""#))
            #expect(wrong.html.contains(##"href="#field-occurredAt""##), "\(wrong.html)")
            #expect(try await Self.incidentCount(seeded) == 0)
            let incomplete = try await browser.post(
                "/incidents",
                [
                    ("_csrf", token), ("kind", "incident"), ("category", ""), ("occurredAt", "2026-01-01T10:00"),
                    ("accessionNumber", "NOPE"), ("whatHappened", ""), ("immediateActions", ""),
                ])
            #expect(incomplete.status == .unprocessableContent)
            for field in ["category", "accessionNumber", "whatHappened", "immediateActions"] {
                #expect(incomplete.html.contains(##"href="#field-\##(field)""##), "\(field): \(incomplete.html)")
            }
            #expect(incomplete.html.contains("Category choose a category"))
            #expect(try await Self.incidentCount(seeded) == 0)

            let noToken = try await browser.post(
                "/incidents",
                [("kind", "incident"), ("category", "fall"), ("whatHappened", "Fell"), ("immediateActions", "Helped")])
            #expect(noToken.status == .forbidden)
            #expect(try await Self.incidentCount(seeded) == 0)

            let sent = try await browser.post(
                "/incidents",
                [
                    ("_csrf", token), ("examID", examID), ("kind", "incident"), ("category", "wrong-exam"),
                    ("occurredAt", "2026-01-01T10:00"), ("accessionNumber", exam.accessionNumber), ("roomID", ""),
                    ("staffID", seeded.staff["radiographer"]!.id.uuidString),
                    ("whatHappened", "Right knee X-rayed; the request was for the left"),
                    ("immediateActions", "Stopped after one projection"),
                ])
            #expect(sent.status == .seeOther, "\(sent.html)")
            let location = sent.headers[.location] ?? ""
            #expect(location.hasPrefix("/incidents/") && location.contains("done=incident-reported"))
            let page = try await browser.get(location)
            #expect(page.status == .ok)
            #expect(page.html.contains("Incident reported") && page.html.contains("X-ray 1"))
            #expect(page.html.contains("KHAN, Imran") && page.html.contains("Grace Okafor"), "\(page.html)")
            #expect(page.html.contains("Not yet told: the referrer, the practitioner, the patient"))
            #expect(!page.html.contains("investigation-form"), "a radiographer does not investigate")
            let list = try await browser.get("/incidents?kind=incident")
            #expect(list.html.contains("Wrong exam, side or body part") && list.html.contains("1 incident"))
            #expect(!list.html.contains("export-identifiable"), "a radiographer does not export")
            let filtered = try await browser.get("/incidents?kind=near-miss")
            #expect(filtered.html.contains("No incident matches these filters."))
            let badFilter = try await browser.get("/incidents?from=March")
            #expect(badFilter.status == .unprocessableContent)
            #expect(badFilter.html.contains(##"href="#field-from""##))
        }
    }

    @Test("A support worker reports without reading the list; a referrer may not report")
    func roles() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            try await PageTests.account(seeded, "b.walsh", .supportWorker, person: "support")
            var support = PageSession(client)
            _ = try await support.signIn("b.walsh", PageTests.password)
            #expect(try await support.get("/").html.contains(#"href="/incidents/new""#))
            #expect(try await support.get("/incidents").status == .forbidden)
            let form = try await support.get("/incidents/new")
            #expect(form.status == .ok)
            let sent = try await support.post(
                "/incidents",
                [
                    ("_csrf", form.formToken ?? ""), ("kind", "near-miss"), ("category", "fall"),
                    ("occurredAt", "2026-01-01T09:15"), ("roomID", seeded.rooms["ct"]!.id.uuidString),
                    ("whatHappened", "Wet floor by the CT door"), ("immediateActions", "Sign put out"),
                ])
            #expect(sent.status == .seeOther && sent.headers[.location] == "/incidents/new?done=incident-reported")
            #expect(try await support.get(sent.headers[.location] ?? "").html.contains("Incident reported"))
            #expect(try await Self.incidentCount(seeded) == 1)
            _ = try await seeded.auth.createAccount(
                username: "dr.gp", role: .referrer, password: PageTests.password, staffID: nil,
                referrerID: seeded.referrer.id,
                by: Actor(staffID: nil, username: "test-setup", role: .admin, door: .system))
            var referrer = PageSession(client)
            _ = try await referrer.signIn("dr.gp", PageTests.password)
            #expect(try await referrer.get("/incidents/new").status == .forbidden)
        }
    }

    @Test("The manager investigates, records the contacts, opens the dose case and closes, with errors summarised")
    func manage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let examID = try await path.request("man", "XKNEEJ", laterality: "left")
            try await path.justify(examID)
            try await path.book(examID)
            let reported = try await path.api.send(
                .post, "/api/incidents", token: path.token("radiographer"),
                json: """
                    {"kind":"incident","category":"wrong-exam","examID":"\(examID)",\
                    "whatHappened":"Right knee X-rayed","immediateActions":"Stopped"}
                    """)
            let id = try #require(reported.string("value.id"))
            try await PageTests.account(seeded, "m.lee", .manager, person: "radiographer2")
            var browser = PageSession(client)
            _ = try await browser.signIn("m.lee", PageTests.password)
            let page = try await browser.get("/incidents/\(id)")
            #expect(
                page.status == .ok && page.html.contains("investigation-form") && page.html.contains("saue-open-form"))
            let token = page.formToken ?? ""
            let owner = seeded.staff["radiographer2"]!.id.uuidString

            let noOwner = try await browser.post(
                "/incidents/\(id)/investigation", [("_csrf", token), ("ownerStaffID", ""), ("findings", "x")])
            #expect(noOwner.status == .unprocessableContent)
            #expect(noOwner.html.contains(##"href="#field-ownerStaffID""##), "\(noOwner.html)")
            let investigated = try await browser.post(
                "/incidents/\(id)/investigation",
                [
                    ("_csrf", token), ("ownerStaffID", owner), ("findings", "The side was not checked aloud"),
                    ("actions", "Refresher"),
                ])
            #expect(investigated.status == .seeOther)

            let badContact = try await browser.post(
                "/incidents/\(id)/contacts",
                [
                    ("_csrf", token), ("party", "referrer"), ("contactedAt", "soon"), ("contactedByStaffID", owner),
                    ("method", ""),
                ])
            #expect(badContact.status == .unprocessableContent)
            #expect(badContact.html.contains(##"href="#field-contactedAt""##), "\(badContact.html)")
            let now = seeded.clock.now()
            let formatter = DateFormatter()
            formatter.timeZone = TimeZone(identifier: "Europe/London")
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
            for party in ["referrer", "practitioner", "patient"] {
                let told = try await browser.post(
                    "/incidents/\(id)/contacts",
                    [
                        ("_csrf", token), ("party", party), ("contactedAt", formatter.string(from: now)),
                        ("contactedByStaffID", owner), ("method", "Telephone"), ("notes", ""),
                    ])
                #expect(told.status == .seeOther, "\(party): \(told.html)")
            }
            let afterContacts = try await browser.get("/incidents/\(id)")
            #expect(afterContacts.html.contains("Dr Tolu Adeyemi") && !afterContacts.html.contains("Not yet told"))

            let namedPatient = try await browser.post(
                "/incidents/\(id)/saue",
                [
                    ("_csrf", token), ("exposureKind", "accidental"), ("totalDose", "0.01"),
                    ("summary", "Khan had the wrong knee X-rayed"),
                ])
            #expect(namedPatient.status == .unprocessableContent)
            #expect(namedPatient.html.contains(##"href="#field-summary""##), "\(namedPatient.html)")
            let opened = try await browser.post(
                "/incidents/\(id)/saue",
                [
                    ("_csrf", token), ("exposureKind", "accidental"), ("intendedDose", ""), ("totalDose", "0.01"),
                    ("foetalDose", ""), ("summary", "Right knee X-rayed instead of the left"),
                ])
            #expect(opened.status == .seeOther, "\(opened.html)")
            let linked = try await browser.get(opened.headers[.location] ?? "")
            #expect(linked.html.contains("Dose incident case linked") && linked.html.contains("SAUE-"))
            #expect(!linked.html.contains("saue-open-form"))

            let noClosure = try await browser.post("/incidents/\(id)/closure", [("_csrf", token), ("closure", "")])
            #expect(noClosure.status == .unprocessableContent)
            #expect(noClosure.html.contains(##"href="#field-closure""##))
            let closed = try await browser.post(
                "/incidents/\(id)/closure", [("_csrf", token), ("closure", "Learning shared at the meeting")])
            #expect(closed.status == .seeOther)
            let final = try await browser.get(closed.headers[.location] ?? "")
            #expect(final.html.contains("Incident closed") && final.html.contains("Learning shared at the meeting"))
            #expect(!final.html.contains("closure-form") && !final.html.contains("contact-form"))
            let late = try await browser.post(
                "/incidents/\(id)/investigation", [("_csrf", token), ("findings", "More")])
            #expect(late.status == .conflict && late.html.contains("is closed"))
            let list = try await browser.get("/incidents?status=closed")
            #expect(
                list.html.contains("export-identifiable") && list.html.contains("status=closed&amp;identifiers=true"))
        }
    }
}
