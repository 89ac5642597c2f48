import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

/// The equipment and QA page through HTTP (issue 17): reachable from the navigation for the roles that read
/// equipment, the QA form only for the clinical scientist, a suspension-level result entered on the page suspends the
/// room, and a wrong value is refused with the field named and nothing stored.
@Suite("Equipment page")
struct EquipmentPageTests {
    @Test("The physicist records a QA result on the page; the room shows suspended; others see no form")
    func qaResultOnThePage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            try await PageTests.account(seeded, "p.nair", .physicist, person: nil)
            var browser = PageSession(client)
            _ = try await browser.signIn("p.nair", PageTests.password)
            let home = try await browser.get("/")
            #expect(home.html.contains(#"href="/equipment""#), "navigation")
            let page = try await browser.get("/equipment")
            #expect(page.status == .ok)
            #expect(page.html.contains("Record a QA result"))
            #expect(page.html.contains("Water phantom: mean CT number"), "overdue alerts list the CT tests")
            let ct = seeded.rooms["ct"]?.id.uuidString ?? ""
            let token = page.formToken ?? ""
            let wrong = try await browser.post(
                "/equipment/qa-results",
                [("_csrf", token), ("roomID", ct), ("testCode", "CT-WATER-MEAN"), ("value", "twelve")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("Measured value: must be a number"), "\(wrong.html)")
            let stored = try await seeded.store.transaction {
                try await $0.qaResults.list(roomID: nil, testCode: nil, limit: 5)
            }
            #expect(stored.isEmpty)
            let failed = try await browser.post(
                "/equipment/qa-results",
                [("_csrf", token), ("roomID", ct), ("testCode", "CT-WATER-MEAN"), ("value", "12.5"), ("notes", "")])
            #expect(failed.status == .seeOther)
            let after = try await browser.get(failed.headers[.location] ?? "/equipment")
            #expect(after.html.contains("QA result recorded"))
            #expect(after.html.contains("Suspended") && after.html.contains("Suspension level"), "\(after.html)")
            let room = try await seeded.store.transaction { try await $0.rooms.get(seeded.rooms["ct"]!.id) }
            #expect(room?.status == .suspended)
            // The room's worklist page says its exams are off the modality worklist until the pass.
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let worklist = try await radiographer.get("/worklist/\(ct)")
            #expect(
                worklist.html.contains("This room is suspended") && worklist.html.contains("off the modality worklist"),
                "\(worklist.html)")
        }
    }

    @Test("A radiographer reads the page without the QA form; a referrer is refused")
    func rolesOnThePage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let page = try await browser.get("/equipment")
            #expect(page.status == .ok && page.html.contains("Equipment and QA"))
            #expect(!page.html.contains("Record a QA result"))
            let post = try await browser.post(
                "/equipment/qa-results", [("_csrf", page.formToken ?? ""), ("value", "1")])
            #expect(post.status == .forbidden)
            _ = try await seeded.auth.createAccount(
                username: "dr.gp", role: .referrer, password: PageTests.password, staffID: nil,
                referrerID: seeded.referrer.id,
                by: Actor(staffID: nil, username: "test-setup", role: .admin, door: .system))
            var referrer = PageSession(client)
            _ = try await referrer.signIn("dr.gp", PageTests.password)
            #expect(try await referrer.get("/equipment").status == .forbidden)
        }
    }
}
