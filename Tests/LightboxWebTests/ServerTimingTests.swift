import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LightboxTestSupport
import Testing

@testable import LightboxWeb

@Suite("Server-Timing header")
struct ServerTimingTests {
    static let header = HTTPField.Name("Server-Timing")!

    /// The milliseconds of `app;dur=<ms>`, nil when the value is not of that form.
    static func milliseconds(_ value: String?) -> Double? {
        guard let value, value.hasPrefix("app;dur=") else { return nil }
        let number = value.dropFirst("app;dur=".count)
        guard number.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return Double(number)
    }

    @Test("Formats milliseconds with three decimals")
    func format() {
        #expect(ServerTimingMiddleware<WebContext>.value(.milliseconds(12) + .microseconds(34)) == "app;dur=12.034")
        #expect(ServerTimingMiddleware<WebContext>.value(.microseconds(5)) == "app;dur=0.005")
        #expect(ServerTimingMiddleware<WebContext>.value(.seconds(2)) == "app;dur=2000.000")
    }

    @Test("Times the handler, errors included")
    func timesHandler() async throws {
        let router = Router(context: WebContext.self)
        router.add(middleware: ServerTimingMiddleware())
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .milliseconds(40))
            return "done"
        }
        router.get("/missing") { _, _ -> String in throw HTTPError(.notFound) }
        try await Application(router: router).test(.router) { client in
            let slow = try await client.executeRequest(uri: "/slow", method: .get, headers: [:], body: nil)
            let slowMs = try #require(Self.milliseconds(slow.headers[Self.header]))
            #expect(slowMs >= 40, "the handler's 40 ms are counted (\(slowMs))")
            #expect(slowMs < 10_000)
            let missing = try await client.executeRequest(uri: "/missing", method: .get, headers: [:], body: nil)
            #expect(missing.status == .notFound)
            let missingMs = try #require(Self.milliseconds(missing.headers[Self.header]))
            #expect(missingMs < slowMs)
        }
    }

    @Test("Every response of the application carries it: pages, the API, refusals", arguments: [TestEngine.sqlite])
    func everyResponse(engine: TestEngine) async throws {
        try await TestApp.run(engine) { _, client, _ in
            var session = PageSession(client)
            let signIn = try await session.get("/")
            #expect(signIn.status == .ok)
            #expect(Self.milliseconds(signIn.headers[Self.header]) != nil, "\(signIn.headers)")
            let home = try await session.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            #expect(Self.milliseconds(home.headers[Self.header]) != nil)
            let page = try await session.get("/patients")
            #expect(page.status == .ok)
            #expect(Self.milliseconds(page.headers[Self.header]) != nil)
            let refused = try await client.executeRequest(uri: "/api/staff", method: .get, headers: [:], body: nil)
            #expect(refused.status == .unauthorized)
            #expect(Self.milliseconds(refused.headers[Self.header]) != nil)
        }
    }
}
