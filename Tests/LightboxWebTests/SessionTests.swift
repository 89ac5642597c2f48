import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

@Suite("Sign-in: browser sessions and API tokens")
struct SessionTests {
    static let signIn =
        #"{"username":"\#(SeededDepartment.sessionUsername)","password":"\#(SeededDepartment.sessionPassword)"}"#

    @Test(
        "Password sign-in sets a hardened cookie, the session is stored hashed, sign-out ends it",
        arguments: TestEngine.allCases)
    func sessionLifecycle(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let wrong = try await api.send(
                .post, "/api/session",
                json: #"{"username":"\#(SeededDepartment.sessionUsername)","password":"not the password"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.problemType == Problem.typeBase + "authentication.failed")
            let unknown = try await api.send(
                .post, "/api/session", json: #"{"username":"nobody","password":"whatever12345"}"#)
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text == wrong.text, "unknown user and wrong password must look the same")

            let response = try await api.send(.post, "/api/session", json: Self.signIn)
            #expect(response.status == .created)
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            #expect(!setCookie.contains("Secure"), "not TLS in this configuration")
            #expect(setCookie.contains("Path=/"))
            let pair = try #require(setCookie.split(separator: ";").first).trimmingCharacters(in: .whitespaces)
            let secret = String(pair.dropFirst("lightbox_session=".count))
            #expect(secret.count >= 43)

            // Stored as SHA-256 only.
            let stored = try await seeded.store.transaction { unit in
                (
                    try await unit.accounts.findSession(idHash: SecretDigest.sha256Hex(secret)) != nil,
                    try await unit.accounts.findSession(idHash: secret) != nil
                )
            }
            #expect(stored.0 && !stored.1)

            let me = try await api.send(.get, "/api/session", cookie: pair)
            #expect(me.status == .ok)
            #expect(me.string("username") == SeededDepartment.sessionUsername)
            #expect(me.string("credential") == "session")
            let patients = try await api.send(.get, "/api/staff", cookie: pair)
            #expect(patients.status == .ok)

            let out = try await api.send(.delete, "/api/session", cookie: pair)
            #expect(out.status == .noContent)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await api.send(.get, "/api/session", cookie: pair)
            #expect(after.status == .unauthorized)
        }
    }

    @Test("A session expires after the configured lifetime", arguments: TestEngine.allCases)
    func sessionExpiry(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let response = try await api.send(.post, "/api/session", json: Self.signIn)
            let pair = String(response.headers[.setCookie]?.split(separator: ";").first ?? "")
            #expect(try await api.send(.get, "/api/session", cookie: pair).status == .ok)
            seeded.clock.advance(by: seeded.auth.configuration.sessionLifetime + 1)
            #expect(try await api.send(.get, "/api/session", cookie: pair).status == .unauthorized)
        }
    }

    @Test("API tokens: shown once, stored as SHA-256; accounts managed through the API", arguments: TestEngine.allCases)
    func tokens(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let admin = seeded.tokens[.admin]
            let created = try await api.send(
                .post, "/api/accounts", token: admin, json: #"{"username":"pacs.bridge","role":"integration"}"#)
            #expect(created.status == .created)
            #expect(created.json?["passwordHash"] == nil)
            let issued = try await api.send(
                .post, "/api/accounts/pacs.bridge/tokens", token: admin, json: #"{"name":"PACS"}"#)
            #expect(issued.status == .created)
            let token = try #require(issued.string("token"))
            #expect(token.hasPrefix("lbx_"))
            let found = try await seeded.store.transaction { unit in
                try await unit.accounts.findToken(hash: SecretDigest.sha256Hex(token))
            }
            #expect(found != nil)
            let me = try await api.send(.get, "/api/session", token: token)
            #expect(me.string("role") == "integration")
            #expect(me.string("credential") == "token")
            let duplicate = try await api.send(
                .post, "/api/accounts", token: admin, json: #"{"username":"pacs.bridge","role":"integration"}"#)
            #expect(duplicate.status == .conflict)
            let weak = try await api.send(
                .post, "/api/accounts", token: admin,
                json: #"{"username":"weak.user","role":"radiographer","password":"short"}"#)
            #expect(weak.status == .unprocessableContent)
            #expect(weak.problemFields == ["password"])
        }
    }
}
