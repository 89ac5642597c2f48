import Foundation
import LightboxDomain
import LightboxTestSupport
import Testing

/// Issue 17's pages through HTTP: staff records (notices of expiries on the home page and a start refused on the exam
/// page after the lapse, training and competencies, CPD added by form, supervised practice signed off by form) and
/// stock, each for the roles that may open them.
@Suite("Operations pages")
struct OperationsPageTests {
    static let manager = Actor(staffID: nil, username: "test-manager", role: .manager, door: .system)

    @Test("A lapsed training shows on the person's home and staff records; CPD is added by form, refused when wrong")
    func staffRecordsPages() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let department = seeded.department
            let radiographer = try #require(seeded.staff["radiographer"])
            let now = seeded.clock.now()
            // Checked while the training was in force: the start is what the lapse then blocks.
            let exam = try await Pathway(seeded: seeded, api: APIClient(client)).checkedChest()
            _ = try await department.recordTraining(
                .init(
                    staffID: radiographer.id, course: .irmer, completedOn: now - 300 * 86_400, expires: now + 60,
                    evidence: "IR(ME)R certificate"),
                by: Self.manager)
            seeded.clock.advance(by: 120)
            let report = try await department.applyStaffExpiries(by: Self.manager).value
            #expect(report.revokedEntitlements.count == 5)

            try await PageTests.account(seeded, "g.okafor", .radiographer, person: "radiographer")
            var browser = PageSession(client)
            _ = try await browser.signIn("g.okafor", PageTests.password)
            let home = try await browser.get("/")
            #expect(home.html.contains("Staff notices"), "\(home.html)")
            #expect(
                home.html.contains("Okafor&#39;s IR(ME)R training expired")
                    || home.html.contains("Okafor's IR(ME)R training expired"))
            #expect(home.html.contains(#"href="/staff-records""#))
            let examPage = try await browser.get("/exams/\(exam)")
            let start = try await browser.post(
                "/exams/\(exam)/start", [("_csrf", examPage.formToken ?? ""), ("supervisorStaffID", "")])
            #expect(start.status == .unprocessableContent && start.html.contains("entitle"), "\(start.html)")
            #expect(start.html.contains("error-summary"))
            let stored = try await OperationsFormsPageTests.exam(seeded, exam)
            #expect(stored.state == .checked && stored.performance == nil)

            var records = try await browser.get("/staff-records")
            #expect(records.status == .ok)
            #expect(records.html.contains("IR(ME)R") && records.html.contains("Expired "), "\(records.html)")
            let token = records.formToken ?? ""
            let wrong = try await browser.post(
                "/staff-records/cpd",
                [("_csrf", token), ("date", "2026-13-40"), ("activity", "Webinar"), ("hours", "x")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("enter the date as YYYY-MM-DD") && wrong.html.contains("enter the hours"))
            let parser = DateFormatter()
            parser.locale = Locale(identifier: "en_GB")
            parser.timeZone = TimeZone(identifier: "Europe/London")
            parser.dateFormat = "yyyy-MM-dd"
            let added = try await browser.post(
                "/staff-records/cpd",
                [
                    ("_csrf", token), ("date", parser.string(from: seeded.clock.now() - 86_400)),
                    ("activity", "SoR webinar <b>dose</b>"), ("hours", "1.5"),
                ])
            #expect(added.status == .seeOther, "\(added.html)")
            records = try await browser.get("/staff-records?done=cpd")
            #expect(records.html.contains("Added to your CPD log"))
            #expect(records.html.contains("SoR webinar &lt;b&gt;dose&lt;/b&gt;"), "\(records.html)")
            #expect(records.html.contains("1.5 h"))
        }
    }

    @Test("The named supervisor signs supervised practice off on the page; the learner sees it signed")
    func practiceSignOff() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let student = try #require(seeded.staff["student"])
            let supervisor = try #require(seeded.staff["radiographer2"])
            let learner = Actor(staffID: student.id, username: "s.chen", role: .student, door: .web)
            _ = try await seeded.department.logSupervisedPractice(
                .init(
                    supervisorID: supervisor.id, performedOn: seeded.clock.now() - 600, activity: "Lateral knee",
                    reflection: "Rotation"),
                by: learner)
            try await PageTests.account(seeded, "t.nguyen", .radiographer, person: "radiographer2")
            var browser = PageSession(client)
            _ = try await browser.signIn("t.nguyen", PageTests.password)
            let page = try await browser.get("/staff-records")
            #expect(page.html.contains("Supervised practice to sign off") && page.html.contains("Lateral knee"))
            guard let range = page.html.range(of: #"action="/staff-records/practice/"#) else {
                Issue.record("no sign-off form: \(page.html)")
                return
            }
            let action = "/staff-records/practice/" + page.html[range.upperBound...].prefix { $0 != "\"" }
            let signed = try await browser.post(
                action, [("_csrf", page.formToken ?? ""), ("comment", "Well positioned")])
            #expect(signed.status == .seeOther)
            let after = try await browser.get("/staff-records?done=practice-signed-off")
            #expect(!after.html.contains("Supervised practice to sign off"))

            try await PageTests.account(seeded, "s.chen", .student, person: "student")
            var learnerBrowser = PageSession(client)
            _ = try await learnerBrowser.signIn("s.chen", PageTests.password)
            let own = try await learnerBrowser.get("/staff-records")
            #expect(own.html.contains("Signed off") && own.html.contains("Well positioned"), "\(own.html)")
        }
    }

    @Test("The stock page shows levels, expiry and aprons to those who may see stock, and no one else")
    func stockPage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let support = Actor(
                staffID: seeded.staff["support"]?.id, username: "b.walsh", role: .supportWorker, door: .web)
            let now = seeded.clock.now()
            let item = try await seeded.department.addStockItem(
                .init(
                    name: "Omnipaque 300", category: .contrast, unit: "100 mL bottle", reorderLevel: 5,
                    reorderQuantity: 20),
                by: support
            ).value
            _ = try await seeded.department.receiveStock(
                .init(
                    itemID: item.id, batchNumber: "OMN-7", expires: now + 5 * 86_400, location: "CT cupboard",
                    quantity: 3),
                by: support)
            _ = try await seeded.department.addLeadApron(
                .init(identifier: "APR-001", description: "Coat", leadEquivalenceMillimetres: 0.35, location: "Fluoro"),
                by: support)
            try await PageTests.account(seeded, "b.walsh", .supportWorker, person: "support")
            var browser = PageSession(client)
            _ = try await browser.signIn("b.walsh", PageTests.password)
            let home = try await browser.get("/")
            #expect(home.html.contains(#"href="/stock""#))
            let page = try await browser.get("/stock")
            #expect(page.status == .ok)
            #expect(page.html.contains("Omnipaque 300") && page.html.contains("Reorder now"), "\(page.html)")
            #expect(page.html.contains("OMN-7") && page.html.contains("Expiring within 30 days"))
            #expect(page.html.contains("APR-001") && page.html.contains("Check overdue"))

            try await PageTests.account(seeded, "it.admin", .admin, person: nil)
            var admin = PageSession(client)
            _ = try await admin.signIn("it.admin", PageTests.password)
            let refused = try await admin.get("/stock")
            #expect(refused.status == .forbidden)
            let nav = try await admin.get("/")
            #expect(!nav.html.contains(#"href="/stock""#))
        }
    }
}
