import Foundation
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// The viewer in a real browser: `Browser/viewer.py` drives Debian's headless Chromium through selenium against a
/// Lightbox started here on an ephemeral loopback port, with a CT series made from the corpus slice: window and
/// level by dragging and by each preset, the series by keys, zoom and pan, a length and an angle measured in
/// millimetres from Pixel Spacing, arrow and text marks, the PNG export with the marks burned in, and as on a
/// tablet: a finger scrolling, two fingers pinching, the page at a 10-inch tablet's width.
@Suite("Viewer in a browser")
struct ViewerBrowserTests {
    @Test("Open a corpus CT: window/level and presets, zoom and pan, length and angle in mm, marks, PNG, touch")
    func viewer() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let fixture = try await ViewerFixture.make(seeded, slices: 3)
            defer { fixture.remove() }
            var environment = seeded.environment()
            environment.archive = fixture.archive
            let app = Application(
                router: WebApplication(environment: environment).buildRouter().router,
                configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                let repository = here.deletingLastPathComponent().deletingLastPathComponent()
                let config: [String: Any] = [
                    "base": "http://127.0.0.1:\(port)", "username": SeededDepartment.sessionUsername,
                    "password": SeededDepartment.sessionPassword,
                    "examImages": "/exams/\(fixture.exam.id.uuidString)/images",
                    "firstInstance": fixture.sopInstanceUIDs[0], "secondInstance": fixture.sopInstanceUIDs[1],
                    "slices": fixture.sopInstanceUIDs.count, "pixelSpacing": fixture.pixelSpacing,
                    "screenshots": repository.appendingPathComponent("docs/screenshots").path,
                ]
                let configFile = FileManager.default.temporaryDirectory
                    .appendingPathComponent("lightbox-viewer-\(UUID().uuidString).json")
                try JSONSerialization.data(withJSONObject: config).write(to: configFile)
                defer { try? FileManager.default.removeItem(at: configFile) }
                let script = here.appendingPathComponent("Browser/viewer.py").path
                let result = try await BrowserTests.run(try BrowserTests.python(), [script, configFile.path])
                #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
                #expect(result.standardOutput.contains("ok: the viewer works"))
            }
        }
    }
}
