import Foundation
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("Every registered route is documented and every documented operation is registered")
    func completeness() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let web = WebApplication(environment: seeded.environment())
            let registered = Set(web.buildRouter().registered.map { "\($0.method) \($0.path)" })
            let response = try await APIClient(client).send(.get, "/api/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(response.json)
            #expect(document["openapi"] == "3.1.0")
            guard case .object(let paths)? = document["paths"] else {
                Issue.record("no paths")
                return
            }
            var documented = Set<String>()
            for (path, operations) in paths {
                guard case .object(let methods) = operations else { continue }
                for (method, operation) in methods {
                    documented.insert("\(method.uppercased()) \(path)")
                    #expect(operation["operationId"] != nil, "\(method) \(path) has no operationId")
                    #expect(operation["security"] != nil, "\(method) \(path) does not state its auth")
                    #expect(operation["responses"] != nil, "\(method) \(path) has no responses")
                }
            }
            #expect(
                registered == documented,
                "only registered: \(registered.subtracting(documented)); only documented: \(documented.subtracting(registered))"
            )
            #expect(registered.contains("GET /health"))
            #expect(registered.contains("POST /api/catalogue/import"))

            // Schemas referenced are defined; problem types cover every domain error code.
            let text = response.text
            guard case .object(let schemas)? = document["components"]?["schemas"] else {
                Issue.record("no schemas")
                return
            }
            let names = Set(schemas.map(\.0))
            let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().compactMap {
                $0.split(separator: "\"").first
            }
            for ref in refs { #expect(names.contains(String(ref)), "undefined schema \(ref)") }
            for code in DomainError.Code.allCases {
                #expect(text.contains(Problem.typeBase + code.rawValue), "problem type \(code.rawValue) not documented")
            }
            // A command's body schema leaves out the id taken from the path and marks required members.
            let start = schemas.first { $0.0 == "RecordPauseAndCheck" }?.1
            #expect(start?["properties"]?["examID"] == nil)
            #expect(start?["required"] == ["identity", "anatomy", "equipmentAndSettingsConfirmed"])
        }
    }
}
