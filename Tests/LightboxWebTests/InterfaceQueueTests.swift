import Foundation
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

@Suite("The interfaces' outbox queue view")
struct InterfaceQueueTests {
    @Test("GET /api/interfaces/outbox lists the queue and names wrong filters", arguments: TestEngine.allCases)
    func outboxQueue(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let token = seeded.tokens[.manager]
            let empty = try await api.send(.get, "/api/interfaces/outbox?pending=true", token: token)
            #expect(empty.status == .ok)
            #expect(empty.text.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

            let wrong = try await api.send(.get, "/api/interfaces/outbox?pending=maybe&limit=0", token: token)
            #expect(wrong.status == .unprocessableContent)
            #expect(Set(wrong.problemFields) == ["pending", "limit"])

            let anonymous = try await api.send(.get, "/api/interfaces/outbox", token: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
