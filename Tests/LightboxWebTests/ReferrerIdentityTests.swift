import Foundation
import LightboxDomain
import LightboxTestSupport
import Testing

/// Issue 15 item 3, through the JSON API and FHIR doors on both engines: a referrer's account
/// requests as its own referrer; only integration accounts and the FHIR door name the referrer.
@Suite("Who is asking: the referrer of a request")
struct ReferrerIdentityTests {
    static let notOwn = "https://lightbox.example/problems/request.referrer-not-own"

    /// A second referrer the seeded referrer's account must not impersonate.
    static func otherReferrer(_ seeded: SeededDepartment) async throws -> Referrer {
        try await seeded.department.addReferrer(
            .init(
                name: PersonName(family: "Morgan", given: ["Ffion"], prefix: "Dr"), kind: .generalPractitioner,
                registrationNumber: "GMC7000999", scope: .everything),
            by: Actor(staffID: nil, username: "test-setup", role: .manager, door: .system)
        ).value
    }

    static func requestJSON(_ path: Pathway, referrer: UUID?) -> String {
        let named = referrer.map { ",\"referrerID\":\"\($0)\"" } ?? ""
        return """
            {"identifiers":\(path.identifiersJSON("man")),"examCode":"XCHEST",\
            "clinicalQuestion":"? consolidation","priority":"routine"\(named)}
            """
    }

    @Test(
        "API: a referrer's account naming another referrer is refused and nothing is stored",
        arguments: TestEngine.allCases)
    func apiReferrerCannotNameAnother(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let other = try await Self.otherReferrer(seeded)
            let refused = try await path.api.send(
                .post, "/api/requests", token: path.roleToken(.referrer),
                json: Self.requestJSON(path, referrer: other.id))
            #expect(refused.status == .forbidden, "\(refused.text)")
            #expect(refused.problemType == Self.notOwn)
            let list = try await path.api.send(.get, "/api/exams", token: path.roleToken(.radiographer))
            #expect(list.json == .array([]))
            // Leaving the referrer out, the request is made as the account's own referrer.
            let created = try await path.api.send(
                .post, "/api/requests", token: path.roleToken(.referrer), json: Self.requestJSON(path, referrer: nil))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.string("value.referrerID") == seeded.referrer.id.uuidString)
        }
    }

    @Test("API: only an integration account names the referrer", arguments: TestEngine.allCases)
    func apiOnlyIntegrationNamesTheReferrer(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let other = try await Self.otherReferrer(seeded)
            let radiologist = try await path.api.send(
                .post, "/api/requests", token: path.roleToken(.radiologist),
                json: Self.requestJSON(path, referrer: other.id))
            #expect(radiologist.status == .forbidden, "\(radiologist.text)")
            #expect(radiologist.problemType == Self.notOwn)
            let integration = try await path.api.send(
                .post, "/api/requests", token: path.roleToken(.integration),
                json: Self.requestJSON(path, referrer: other.id))
            #expect(integration.status == .created, "\(integration.text)")
            #expect(integration.string("value.referrerID") == other.id.uuidString)
        }
    }

    @Test(
        "API: a referrer account is created linked to its referrer, and not without one", arguments: TestEngine.allCases
    )
    func apiReferrerAccountNeedsItsReferrer(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let unlinked = try await api.send(
                .post, "/api/accounts", token: seeded.tokens[.manager],
                json: #"{"username":"dr.nolink","role":"referrer"}"#)
            #expect(unlinked.status == .unprocessableContent, "\(unlinked.text)")
            #expect(unlinked.problemFields.contains("referrerID"))
            let unknown = try await api.send(
                .post, "/api/accounts", token: seeded.tokens[.manager],
                json: #"{"username":"dr.ghost","role":"referrer","referrerID":"\#(UUID())"}"#)
            #expect(unknown.status == .unprocessableContent, "\(unknown.text)")
            let linked = try await api.send(
                .post, "/api/accounts", token: seeded.tokens[.manager],
                json: #"{"username":"dr.linked","role":"referrer","referrerID":"\#(seeded.referrer.id)"}"#)
            #expect(linked.status == .created, "\(linked.text)")
            #expect(linked.string("referrerID") == seeded.referrer.id.uuidString)
            let accounts = try await api.send(.get, "/api/accounts", token: seeded.tokens[.manager])
            #expect(!accounts.text.contains("dr.nolink") && !accounts.text.contains("dr.ghost"))
        }
    }

    @Test(
        "FHIR: a referrer's account cannot name another referrer; an integration account can",
        arguments: TestEngine.allCases)
    func fhirReferrerIdentity(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let fhir = FHIRClient(APIClient(client), seeded)
            let other = try await Self.otherReferrer(seeded)
            let body = FHIRFixtures.serviceRequest(seeded, "man").replacingOccurrences(
                of: seeded.referrer.id.uuidString, with: other.id.uuidString)
            let refused = try await fhir.send(.post, "/fhir/ServiceRequest", role: .referrer, body: body)
            #expect(refused.status == .forbidden, "\(refused.text)")
            #expect(refused.problemType == Self.notOwn)
            let accepted = try await fhir.send(.post, "/fhir/ServiceRequest", role: .integration, body: body)
            #expect(accepted.status == .created, "\(accepted.text)")
            let own = try await fhir.send(
                .post, "/fhir/ServiceRequest", role: .referrer, body: FHIRFixtures.serviceRequest(seeded, "man"))
            #expect(own.status == .created, "\(own.text)")
        }
    }
}
