import Foundation
import HTTPTypes
import LightboxDomain
import LightboxServer
import LightboxStore
import LightboxTestSupport
import LightboxWeb
import Testing

/// The statistics and the dataset export through the JSON API (JSON and CSV) and the pages, with their
/// refusals; and the demo month's Diagnostic Imaging Dataset against the field rules.
@Suite("Statistics routes")
struct StatisticsRoutesTests {
    @Test("The API answers each statistic as JSON and CSV, only for roles that may read them")
    func api() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            _ = try await path.request("man", "XCHEST")
            let manager = path.roleToken(.manager)
            let dm01 = try await path.api.send(.get, "/api/statistics/dm01", token: manager)
            #expect(dm01.status == .ok, "\(dm01.text)")
            #expect(dm01.json?["waiting"] == .number(1), "\(dm01.text)")
            #expect(dm01.json?["waitingAtOrOverTarget"] == .number(0))

            let csv = try await path.api.send(.get, "/api/statistics/dm01?format=csv", token: manager)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("group,label,waiting,"), "\(csv.text)")
            #expect(csv.text.contains("\r\nall,All modalities,1,0,0\r\n"), "\(csv.text)")

            for route in ["turnaround", "reject-rates", "pregnancy-status", "activity"] {
                let json = try await path.api.send(.get, "/api/statistics/\(route)", token: manager)
                #expect(json.status == .ok, "\(route): \(json.text)")
                let text = try await path.api.send(.get, "/api/statistics/\(route)?format=csv", token: manager)
                #expect(text.status == .ok && text.headers[.contentType]?.hasPrefix("text/csv") == true, "\(route)")
            }

            let refused = try await path.api.send(
                .get, "/api/statistics/dm01", token: path.roleToken(.supportWorker))
            #expect(refused.status == .forbidden)
            let badDate = try await path.api.send(.get, "/api/statistics/turnaround?from=31-12-2026", token: manager)
            #expect(badDate.status == .unprocessableContent, "\(badDate.text)")
            let backwards = try await path.api.send(
                .get, "/api/statistics/turnaround?from=2026-03-02&to=2026-02-01", token: manager)
            #expect(backwards.status == .unprocessableContent, "\(backwards.text)")
            let tooLong = try await path.api.send(
                .get, "/api/statistics/turnaround?from=2024-01-01&to=2026-02-01", token: manager)
            #expect(tooLong.status == .unprocessableContent, "\(tooLong.text)")
            let badFormat = try await path.api.send(.get, "/api/statistics/activity?format=xml", token: manager)
            #expect(badFormat.status == .unprocessableContent)

            let did = try await path.api.send(.get, "/api/exports/did?month=2026-03", token: manager)
            #expect(did.status == .ok, "\(did.text)")
            #expect(did.text.hasPrefix("NHS_NUMBER,PERSON_BIRTH_DATE,"))
            #expect(did.headers[HTTPField.Name("Lightbox-DID-Errors")!] != nil)
            let didJSON = try await path.api.send(.get, "/api/exports/did?month=2026-03&format=json", token: manager)
            #expect(didJSON.status == .ok)
            #expect(didJSON.json?["records"] != nil)
            let badMonth = try await path.api.send(.get, "/api/exports/did?month=2026-13", token: manager)
            #expect(badMonth.status == .unprocessableContent)
            let radiologist = try await path.api.send(
                .get, "/api/exports/did", token: path.roleToken(.radiologist))
            #expect(radiologist.status == .forbidden, "the dataset carries identifiers: managers only")
        }
    }

    @Test("The pages show each statistic as an accessible chart with its table, and the export's field rules")
    func pages() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            _ = try await path.request("man", "XCHEST")
            let setup = Actor(staffID: nil, username: "test-setup", role: .manager, door: .system)
            _ = try await seeded.auth.createAccount(
                username: "stats.manager", role: .manager, password: "statistics-manager-pw", staffID: nil, by: setup)
            var browser = PageSession(client)
            _ = try await browser.signIn("stats.manager", "statistics-manager-pw")
            let home = try await browser.get("/")
            #expect(home.html.contains("href=\"/statistics\""), "the navigation offers the statistics")
            let index = try await browser.get("/statistics")
            #expect(index.status == .ok)
            #expect(index.html.contains("/statistics/dm01") && index.html.contains("/exports/did"))

            let dm01 = try await browser.get("/statistics/dm01")
            #expect(dm01.status == .ok, "\(dm01.html)")
            #expect(
                dm01.html.contains(
                    "<svg class=\"chart__svg\" role=\"img\" aria-labelledby=\"dm01-chart-title dm01-chart-desc\""))
            #expect(dm01.html.contains("<title id=\"dm01-chart-title\">"))
            #expect(dm01.html.contains("1 exams waiting"))
            #expect(dm01.html.contains("<caption class=\"table__caption\">Waiting by modality</caption>"))
            #expect(dm01.html.contains("/api/statistics/dm01?census="))

            for page in ["turnaround", "reject-rates", "pregnancy-status", "activity"] {
                let shown = try await browser.get("/statistics/\(page)")
                #expect(shown.status == .ok, "\(page)")
                #expect(shown.html.contains("role=\"img\""), "\(page) has its chart")
                #expect(shown.html.contains("format=csv"), "\(page) links its CSV")
            }
            let wrong = try await browser.get("/statistics/reject-rates?from=yesterday")
            #expect(wrong.status == .ok)
            #expect(wrong.html.contains("from must be a date as YYYY-MM-DD"))
            #expect(!wrong.html.contains("role=\"img\""))

            let did = try await browser.get("/exports/did?month=2026-03")
            #expect(did.status == .ok)
            #expect(did.html.contains("Diagnostic Imaging Dataset"))
            #expect(did.html.contains("/api/exports/did?month=2026-03"))
            // The seeded department has no ODS codes configured: the return does not pass, and says why.
            #expect(did.html.contains("does not pass the field rules"))
            #expect(did.html.contains("SITE_CODE"))

            var radiographer = PageSession(client)
            _ = try await radiographer.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let refused = try await radiographer.get("/statistics/dm01")
            #expect(refused.status == .forbidden)
        }
    }

    @Test("The demo month's Diagnostic Imaging Dataset passes the field rules", arguments: TestEngine.allCases)
    func demoMonth(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = FluentDepartmentStore(database: database.database)
            let clock = FixedClock()
            var configuration = DepartmentConfiguration.default
            configuration.diagnosticImagingDataset = DatasetSubmitter(providerCode: "RVJ", siteCode: "RVJ01")
            let department = Department(
                store: store, clock: clock, ids: SequentialIDGenerator(namespace: 0xD), configuration: configuration)
            let auth = AuthService(
                store: store, clock: clock, ids: SequentialIDGenerator(namespace: 0xE),
                configuration: AuthConfiguration(bcryptCost: AuthConfiguration.minimumBcryptCost))
            _ = try await DemoDepartment(
                department: department, store: store, auth: auth, clock: clock, configuration: configuration
            ).load()
            let manager = Actor(staffID: nil, username: "test", role: .manager, door: .system)
            let month = CalendarDate(clock.now(), in: configuration.timeZone)
            let export = try await department.exportDiagnosticImagingDataset(
                .init(month: String(format: "%04d-%02d", month.year, month.month)), by: manager)
            #expect(export.records.count >= 5, "the demo performs exams on its day")
            #expect(export.passes, "\(export.problems.filter { $0.severity == .error })")
            #expect(export.records.allSatisfy { DIDFieldRules.problems($0).allSatisfy { $0.severity == .warning } })
        }
    }
}
