import Foundation
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Issue 16's done-when: the dose charts render in a real browser and their numbers match a hand-computed
/// fixture. `Browser/dose_charts.py` drives headless Chromium through selenium against a Lightbox started
/// here on an ephemeral loopback port, over the fixture of ``DoseStatisticsPageTests``.
@Suite("Dose charts in a browser")
struct DoseChartsBrowserTests {
    @Test("The statistics pages' SVG charts are laid out, visible and show the hand-computed figures")
    func charts() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let web = WebApplication(environment: seeded.environment())
            let app = Application(
                router: web.buildRouter().router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let path = Pathway(seeded: seeded, api: APIClient(client))
                try await DoseStatisticsPageTests.fixture(seeded, path)
                try await DoseStatisticsPageTests.account(seeded, "dose.physicist", .physicist)
                let port = try #require(client.port)
                let config: [String: Any] = [
                    "base": "http://127.0.0.1:\(port)", "password": DoseStatisticsPageTests.password,
                    "username": "dose.physicist", "roomID": seeded.rooms["xr"]?.id.uuidString ?? "",
                ]
                let configFile = FileManager.default.temporaryDirectory
                    .appendingPathComponent("lightbox-dose-charts-\(UUID().uuidString).json")
                try JSONSerialization.data(withJSONObject: config).write(to: configFile)
                defer { try? FileManager.default.removeItem(at: configFile) }
                let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("Browser/dose_charts.py").path
                let result = try await BrowserTests.run(try BrowserTests.python(), [script, configFile.path])
                #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
                #expect(result.standardOutput.contains("ok: histogram: bar heights are in proportion to the counts"))
                #expect(result.standardOutput.contains("ok: trend: heights above the axis are in proportion"))
                seeded.live.close()
            }
        }
    }
}
