import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// The physicist's and managers' dose pages over HTTP, with a hand-computed fixture: seven chest PA radiographs in
/// X-ray 1, DAP per radiograph (Gy·cm²; national DRL 0.11):
/// - March 2026, Grace Okafor: 0.08, 0.10, 0.14 → median 0.1 (3 exams);
/// - April 2026, Grace Okafor: 0.12, 0.20; Tom Nguyen: 0.06, 0.09 → median (0.09 + 0.12) / 2 = 0.105 (4 exams);
/// - all seven sorted: 0.06 0.08 0.09 0.10 0.12 0.14 0.20 → median 0.1; quartiles (type 7) Q1 = 0.08 + 0.5 × 0.01
///   = 0.085, Q3 = 0.12 + 0.5 × 0.02 = 0.13; fence 0.13 + 1.5 × 0.045 = 0.1975, so 0.20 is the one outlier;
/// - histogram in steps of 0.02 from 0 to 0.2: 0.06-0.08: 1, 0.08-0.1: 2, 0.1-0.12: 1, 0.12-0.14: 1,
///   0.14-0.16: 1, 0.18-0.2: 1;
/// - per operator: Okafor 0.08 0.10 0.12 0.14 0.20 → 0.12 (5 exams, above the DRL); Nguyen 0.06 0.09 → 0.075 (2);
/// - April: 4 exams with dose, 2 above the DRL (0.12, 0.20); 3 open alerts (0.14, 0.12, 0.20).
@Suite("Dose statistics pages")
struct DoseStatisticsPageTests {
    static let password = "correct horse battery staple"
    static let setup = Actor(staffID: nil, username: "test-setup", role: .manager, door: .system)

    /// A chest PA performed by `person` with one radiograph of `dap` Gy·cm².
    static func chest(_ path: Pathway, by person: String, dap: Double) async throws -> String {
        let exam = try await path.checkedChest(operator: person)
        try await path.step(exam, "start", by: path.token(person))
        try await path.step(
            exam, "dose", by: path.token(person),
            #"{"doseAreaProduct":{"value":\#(dap),"unit":"Gy.cm2"},"numberOfExposures":1}"#, expect: 201)
        return exam
    }

    /// The fixture above; the clock ends on Monday 6 April 2026, 09:00 UTC.
    static func fixture(_ seeded: SeededDepartment, _ path: Pathway) async throws {
        for dap in [0.08, 0.10, 0.14] { _ = try await chest(path, by: "radiographer", dap: dap) }
        seeded.clock.set(Date(timeIntervalSince1970: 1_775_466_000))
        for dap in [0.12, 0.20] { _ = try await chest(path, by: "radiographer", dap: dap) }
        for dap in [0.06, 0.09] { _ = try await chest(path, by: "radiographer2", dap: dap) }
    }

    static func account(_ seeded: SeededDepartment, _ username: String, _ role: AccessRole, staffID: UUID? = nil)
        async throws
    {
        _ = try await seeded.auth.createAccount(
            username: username, role: role, password: password, staffID: staffID, by: setup)
    }

    @Test(
        "Charts and tables match the hand-computed medians, distribution and outliers; roles are respected",
        arguments: TestEngine.allCases)
    func statistics(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            try await Self.fixture(seeded, path)
            try await Self.account(seeded, "dose.physicist", .physicist)
            try await Self.account(seeded, "dose.manager", .manager)
            try await Self.account(seeded, "dose.radiographer", .radiographer)
            try await Self.account(seeded, "dose.support", .supportWorker)
            var physicist = PageSession(client)
            _ = try await physicist.signIn("dose.physicist", Self.password)

            let dashboard = try await physicist.get("/dose")
            #expect(dashboard.status == .ok, "\(dashboard.html)")
            #expect(dashboard.html.contains("href=\"/dose\""), "the navigation offers the dose pages")
            for (id, value) in [
                ("exams-with-dose", "4"), ("above-drl", "2"), ("open-alerts", "3"), ("all-exams-with-dose", "7"),
            ] {
                #expect(
                    dashboard.html.contains("id=\"\(id)\"><p class=\"dose-card__value\">\(value)</p>"),
                    "\(id) = \(value): \(dashboard.html)")
            }
            #expect(dashboard.html.contains("in Apr 2026"))
            #expect(dashboard.html.contains("href=\"/dose/operators\""))

            let overview = try await physicist.get("/dose/statistics")
            #expect(overview.status == .ok, "\(overview.html)")
            #expect(overview.html.contains("value=\"2025-05-01\"") && overview.html.contains("value=\"2026-04-06\""))
            let row =
                "<td>X-ray 1</td><td>Dose area product per radiograph</td><td>7</td><td>0.1 Gy·cm²</td>"
                + "<td>0.11 Gy·cm²</td><td>–</td><td>91 %</td><td></td>"
            #expect(overview.html.contains(row), "\(overview.html)")
            #expect(
                overview.html.contains("<text class=\"chart__value\" x=\"") && overview.html.contains(">91 %</text>"))

            let roomID = try #require(seeded.rooms["xr"]?.id.uuidString)
            let detail = try await physicist.get(
                "/dose/statistics/exam?examCode=XCHEST&roomID=\(roomID)&metric=dap-per-radiograph")
            #expect(detail.status == .ok, "\(detail.html)")
            let html = detail.html
            #expect(html.contains("<title>Mar 2026: median 0.1 Gy·cm² of 3 exams</title>"), "\(html)")
            #expect(html.contains("<title>Apr 2026: median 0.105 Gy·cm² of 4 exams</title>"))
            #expect(html.contains("<title>National DRL 0.11 Gy·cm²</title>"))
            #expect(html.contains("<th scope=\"row\">Feb 2026</th><td>0</td><td>–</td>"))
            for (label, value) in [
                ("Exams", "7"), ("Lowest", "0.06 Gy·cm²"), ("Lower quartile", "0.085 Gy·cm²"),
                ("Median", "0.1 Gy·cm²"), ("Upper quartile", "0.13 Gy·cm²"), ("Highest", "0.2 Gy·cm²"),
                ("Outlier fence (Q3 + 1.5 × IQR)", "0.1975 Gy·cm²"),
            ] {
                #expect(
                    html.contains(
                        "<dt class=\"summary-list__key\">\(label)</dt><dd class=\"summary-list__value\">\(value)</dd>"),
                    "\(label) \(value)")
            }
            let bins = [
                ("0", "0.02", 0), ("0.02", "0.04", 0), ("0.04", "0.06", 0), ("0.06", "0.08", 1), ("0.08", "0.1", 2),
                ("0.1", "0.12", 1), ("0.12", "0.14", 1), ("0.14", "0.16", 1), ("0.16", "0.18", 0), ("0.18", "0.2", 1),
            ]
            for (lower, upper, count) in bins {
                #expect(
                    html.contains(
                        "<title>\(lower) to \(upper) Gy·cm²: \(count) \(count == 1 ? "exam" : "exams")</title>"),
                    "bin \(lower)-\(upper)")
            }
            let outliers = try #require(html.components(separatedBy: "id=\"outlier-table\"").last)
            #expect(outliers.contains("<td>Grace Okafor</td><td>0.2 Gy·cm²</td><td>182 %</td>"), "\(outliers)")
            #expect(outliers.components(separatedBy: "<tr>").count == 3, "a header row and one outlier")
            let unknown = try await physicist.get("/dose/statistics/exam?examCode=NOPE&metric=dlp")
            #expect(unknown.status == .unprocessableContent)

            var manager = PageSession(client)
            _ = try await manager.signIn("dose.manager", Self.password)
            let operators = try await manager.get("/dose/operators")
            #expect(operators.status == .ok, "\(operators.html)")
            #expect(operators.html.contains(">0.12 (5 exams)</text>"), "\(operators.html)")
            #expect(operators.html.contains(">0.075 (2 exams)</text>"))
            #expect(
                operators.html.contains(
                    "<th scope=\"row\">Grace Okafor</th><td>5</td><td>0.12 Gy·cm²</td><td>109 %</td><td>Median above the DRL</td>"
                ))
            #expect(
                operators.html.contains("<th scope=\"row\">Tom Nguyen</th><td>2</td><td>0.075 Gy·cm²</td><td>68 %</td>")
            )
            let managerOverview = try await manager.get("/dose/statistics")
            #expect(managerOverview.status == .ok)

            var radiographer = PageSession(client)
            _ = try await radiographer.signIn("dose.radiographer", Self.password)
            let peers = try await radiographer.get("/dose/operators")
            #expect(peers.status == .forbidden, "peers' doses: managers only")
            let radiographerDashboard = try await radiographer.get("/dose")
            #expect(radiographerDashboard.status == .ok)
            var support = PageSession(client)
            _ = try await support.signIn("dose.support", Self.password)
            for page in ["/dose", "/dose/statistics", "/dose/alerts", "/dose/reference-levels", "/dose/operators"] {
                let refused = try await support.get(page)
                #expect(refused.status == .forbidden, "\(page)")
            }
            let supportHome = try await support.get("/")
            #expect(!supportHome.html.contains("href=\"/dose\""))
            var anonymous = PageSession(client)
            let signedOut = try await anonymous.get("/dose/statistics")
            #expect(signedOut.status == .seeOther)
        }
    }

    @Test(
        "The alert queue: acknowledged with a comment on the page, audited; refused without one, without the form token, or for a manager"
    )
    func alertQueue() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.chest(path, by: "radiographer", dap: 0.5)
            _ = try await Self.chest(path, by: "radiographer", dap: 0.05)
            try await Self.account(seeded, "dose.physicist", .physicist)
            try await Self.account(seeded, "dose.manager", .manager)
            var physicist = PageSession(client)
            _ = try await physicist.signIn("dose.physicist", Self.password)
            let queue = try await physicist.get("/dose/alerts")
            #expect(queue.status == .ok, "\(queue.html)")
            let examID = try #require(UUID(uuidString: exam))
            let alert = try #require(
                try await seeded.store.transaction { try await $0.dose.alerts(examID: examID) }.first)
            #expect(queue.html.contains("id=\"alert-\(alert.id.uuidString)\""))
            #expect(
                queue.html.contains("Dose area product per radiograph 0.5 Gy·cm², above 0.11 Gy·cm²"), "\(queue.html)")
            #expect(queue.html.components(separatedBy: "class=\"card card--alert\"").count == 2, "one open alert")
            let action = "/dose/alerts/\(alert.id.uuidString)/acknowledgement"
            let token = queue.formToken ?? ""

            let empty = try await physicist.post(action, [("_csrf", token), ("comment", "  ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("class=\"error-summary\""), "\(empty.html)")
            #expect(empty.html.contains("<a href=\"#comment-\(alert.id.uuidString)\">Say what was found or done</a>"))
            #expect(empty.html.contains("id=\"comment-\(alert.id.uuidString)\""))
            let forged = try await physicist.post(action, [("_csrf", "forged"), ("comment", "Checked")])
            #expect(forged.status == .forbidden)

            var manager = PageSession(client)
            _ = try await manager.signIn("dose.manager", Self.password)
            let read = try await manager.get("/dose/alerts")
            #expect(read.status == .ok && !read.html.contains("Acknowledge</button>"), "managers read the queue")
            let refused = try await manager.post(action, [("_csrf", read.formToken ?? ""), ("comment", "Seen")])
            #expect(refused.status == .forbidden)

            let done = try await physicist.post(
                action, [("_csrf", token), ("comment", "Large patient; technique reviewed")])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/dose/alerts?done=dose-alert-acknowledgement")
            let after = try await physicist.get("/dose/alerts?done=dose-alert-acknowledgement")
            #expect(after.html.contains("Dose alert acknowledged") && after.html.contains("No dose alert is waiting."))
            let all = try await physicist.get("/dose/alerts?status=all")
            #expect(all.html.contains("Acknowledged by dose.physicist on"), "\(all.html)")
            #expect(all.html.contains(": Large patient; technique reviewed"))
            let again = try await physicist.post(action, [("_csrf", token), ("comment", "Twice")])
            #expect(again.status == .unprocessableContent, "already acknowledged")
            let audit = try await seeded.store.transaction {
                try await $0.audit.entries(patientID: nil, examID: examID, afterSequence: nil, limit: 500)
            }
            #expect(
                audit.filter { $0.action == "dose.alert-acknowledged" && $0.actorUsername == "dose.physicist" }.count
                    == 1)
        }
    }

    @Test(
        "Reference levels: the national table, a local DRL set with sign-off on the page, its history, the proposal beside the national value"
    )
    func referenceLevels() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            for dap in [0.08, 0.10, 0.14] { _ = try await Self.chest(path, by: "radiographer", dap: dap) }
            let mpe = try await seeded.department.addStaffMember(
                .init(
                    name: PersonName(family: "Nair", given: ["Priya"]), profession: .clinicalScientist,
                    registration: ProfessionalRegistration(
                        body: "HCPC", number: "CS12345", expires: seeded.clock.now().addingTimeInterval(365 * 86_400))),
                by: Self.setup
            ).value
            try await Self.account(seeded, "p.nair", .physicist, staffID: mpe.id)
            try await Self.account(seeded, "dose.radiographer", .radiographer)
            let roomID = try #require(seeded.rooms["xr"]?.id.uuidString)
            var physicist = PageSession(client)
            _ = try await physicist.signIn("p.nair", Self.password)
            let page = try await physicist.get("/dose/reference-levels")
            #expect(page.status == .ok, "\(page.html)")
            #expect(
                page.html.contains(
                    "<th scope=\"row\">CT head (stroke)</th><td>CT</td><td>47 mGy</td><td>790 mGy·cm</td>"),
                "\(page.html)")
            #expect(page.html.contains("No local DRL has been set"))

            let proposed = try await physicist.get("/dose/reference-levels?examCode=XCHEST&roomID=\(roomID)")
            #expect(
                proposed.html.contains(
                    "<th scope=\"row\">Dose area product per radiograph</th><td>0.1 Gy·cm²</td><td>3</td><td>0.11 Gy·cm²</td><td>–</td>"
                ),
                "\(proposed.html)")

            let token = page.formToken ?? ""
            let wrong = try await physicist.post(
                "/dose/reference-levels",
                [
                    ("_csrf", token), ("examCode", "XCHEST"), ("roomID", roomID),
                    ("doseAreaProductPerRadiographGyCm2", "lots"), ("signedOffBy", ""), ("reason", ""),
                ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("<a href=\"#field-doseAreaProductPerRadiographGyCm2\">"), "\(wrong.html)")
            #expect(wrong.html.contains("<a href=\"#field-signedOffBy\">"))
            #expect(wrong.html.contains("<a href=\"#field-reason\">"))
            #expect(wrong.html.contains("value=\"lots\""), "what was typed is kept")
            let notScientist = try await physicist.post(
                "/dose/reference-levels",
                [
                    ("_csrf", token), ("examCode", "XCHEST"), ("roomID", roomID),
                    ("doseAreaProductPerRadiographGyCm2", "0.09"),
                    ("signedOffBy", seeded.staff["radiographer"]?.id.uuidString ?? ""), ("reason", "Audit"),
                ])
            #expect(notScientist.status == .unprocessableContent)
            #expect(notScientist.html.contains("is not a clinical scientist"), "\(notScientist.html)")
            let forged = try await physicist.post(
                "/dose/reference-levels", [("_csrf", "x"), ("examCode", "XCHEST"), ("reason", "x")])
            #expect(forged.status == .forbidden)

            let set = try await physicist.post(
                "/dose/reference-levels",
                [
                    ("_csrf", token), ("examCode", "XCHEST"), ("roomID", roomID),
                    ("doseAreaProductPerRadiographGyCm2", "0.09"), ("signedOffBy", mpe.id.uuidString),
                    ("reason", "Median of the last 3 exams, audit March 2026"),
                ])
            #expect(set.status == .seeOther, "\(set.html)")
            let after = try await physicist.get("/dose/reference-levels?done=reference-level-set")
            #expect(after.html.contains("Local reference level set"))
            let local = try #require(after.html.components(separatedBy: "id=\"local-levels\"").last)
            #expect(
                local.contains(
                    "<th scope=\"row\">XR Chest PA (XCHEST)</th><td>X-ray 1</td><td>Dose area product per radiograph 0.09 Gy·cm²</td>"
                ),
                "\(local)")
            #expect(local.contains("<td>NAIR, Priya</td><td>Median of the last 3 exams, audit March 2026</td>"))
            let history = try #require(after.html.components(separatedBy: "id=\"level-history\"").last)
            #expect(history.contains("<td>p.nair, "))

            let overview = try await physicist.get("/dose/statistics")
            #expect(
                overview.html.contains("<td>0.1 Gy·cm²</td><td>0.11 Gy·cm²</td><td>0.09 Gy·cm²</td><td>111 %</td>"),
                "judged against the local DRL: \(overview.html)")

            var radiographer = PageSession(client)
            _ = try await radiographer.signIn("dose.radiographer", Self.password)
            let read = try await radiographer.get("/dose/reference-levels")
            #expect(read.status == .ok && !read.html.contains("Set the local DRL</button>"))
            let refused = try await radiographer.post(
                "/dose/reference-levels",
                [
                    ("_csrf", read.formToken ?? ""), ("examCode", "XCHEST"), ("doseAreaProductPerRadiographGyCm2", "1"),
                    ("signedOffBy", mpe.id.uuidString), ("reason", "x"),
                ])
            #expect(refused.status == .forbidden)
        }
    }
}
