import Foundation
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

@Suite("Errors as problem+json, limits, health")
struct ProblemTests {
    @Test("Malformed JSON is 400 naming the problem; missing members are 422 naming each; unknown routes 404")
    func malformedAndMissing() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let api = APIClient(client)
            let token = seeded.tokens[.manager]
            let broken = try await api.send(
                .post, "/api/rooms", token: token, json: #"{"name": "X-ray 3", "modality": }"#)
            #expect(broken.status == .badRequest)
            #expect(broken.headers[.contentType] == "application/problem+json")
            #expect(broken.problemType == Problem.typeBase + "request.malformed")
            #expect(broken.string("detail")?.contains("not valid JSON") == true)

            let missing = try await api.send(.post, "/api/rooms", token: token, json: #"{"aeTitle":"XR3"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(Set(missing.problemFields) == ["name", "modality"])

            let wrongType = try await api.send(
                .post, "/api/rooms", token: token, json: #"{"name":"X-ray 3","modality":"XX","isMobile":false}"#)
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.problemFields == ["modality"])

            let notJSON = try await api.send(
                .post, "/api/rooms", token: token, body: "name=x", contentType: "application/x-www-form-urlencoded")
            #expect(notJSON.status == .unsupportedMediaType)

            let badFilters = try await api.send(.get, "/api/audit?after=x&limit=0", token: token)
            #expect(badFilters.status == .unprocessableContent)
            #expect(Set(badFilters.problemFields) == ["after", "limit"])

            let nowhere = try await api.send(.get, "/api/nowhere", token: token)
            #expect(nowhere.status == .notFound)
            #expect(nowhere.problemType == Problem.typeBase + "route.not-found")

            let unknownExam = try await api.send(
                .get, "/api/exams/6F9619FF-8B86-4011-B42D-00CF4FC964FF", token: seeded.tokens[.radiographer])
            #expect(unknownExam.status == .notFound)
            #expect(unknownExam.problemType == Problem.typeBase + "not-found")

            let badNHS = try await api.send(
                .get, "/api/patients?nhsNumber=1234567890", token: seeded.tokens[.radiographer])
            #expect(badNHS.status == .unprocessableContent)
            #expect(badNHS.problemFields == ["nhsNumber"])
        }
    }

    @Test("Bodies over the configured limit are refused with 413")
    func oversizedBody() async throws {
        try await TestApp.run(.sqlite, limits: WebLimits(maxBodyBytes: 2048, maxCSVRows: 10)) { seeded, client, _ in
            let api = APIClient(client)
            let big = #"{"name":""# + String(repeating: "x", count: 5000) + #"","modality":"DX","isMobile":false}"#
            let response = try await api.send(.post, "/api/rooms", token: seeded.tokens[.manager], json: big)
            #expect(response.status == .contentTooLarge)
            #expect(response.problemType == Problem.typeBase + "request.too-large")
            #expect(response.string("detail")?.contains("2048") == true)
        }
    }

    @Test("GET /health answers without sign-in and reports the database")
    func health() async throws {
        try await TestApp.run(.sqlite) { _, client, _ in
            let response = try await APIClient(client).send(.get, "/health")
            #expect(response.status == .ok)
            #expect(response.string("database") == "ok")
            let metrics = try await APIClient(client).send(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
        try await TestDatabase.with(.sqlite) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let web = WebApplication(environment: seeded.environment(healthy: false))
            let app = Hummingbird.Application(router: web.buildRouter().router)
            try await app.test(.router) { client in
                let response = try await APIClient(client).send(.get, "/health")
                #expect(response.status == .serviceUnavailable)
                #expect(response.string("database") == "unreachable")
            }
        }
    }
}
