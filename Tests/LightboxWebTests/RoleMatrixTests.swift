import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Default deny: every role against every route. Without credentials → 401; a role without the
/// route's permission → 403; a role with it → neither (the request may still be refused for other
/// reasons — a missing body, an unknown id — but never for who is asking).
@Suite("Role × endpoint matrix")
struct RoleMatrixTests {
    static func concretePath(_ route: APIRoute) -> String {
        var path = route.path
        for name in route.pathParameters {
            let value = name.hasSuffix("ID") ? "6F9619FF-8B86-4011-B42D-00CF4FC964FF" : "nobody"
            path = path.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return path
    }

    @Test("Every AccessRole against every route", arguments: TestEngine.allCases)
    func fullMatrix(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let routes = WebApplication(environment: seeded.environment()).routes
            #expect(routes.count > 30)
            for route in routes {
                let path = Self.concretePath(route)
                let body: String? = route.requestContentType == nil ? nil : "{}"
                let contentType = route.requestContentType
                // No credentials.
                let anonymous = try await api.send(route.method, path, json: body, contentType: contentType)
                switch route.access {
                case .anyone:
                    #expect(
                        anonymous.status != .unauthorized && anonymous.status != .forbidden,
                        "\(route.method) \(route.path) anonymous: \(anonymous.text)")
                case .signedIn, .permission:
                    #expect(
                        anonymous.status == .unauthorized,
                        "\(route.method) \(route.path) anonymous → \(anonymous.status)")
                    #expect(anonymous.problemType == Problem.typeBase + "authentication.required")
                }
                // A token nobody issued.
                if route.access != .anyone {
                    let forged = try await api.send(
                        route.method, path, token: "lbx_forged", json: body, contentType: contentType)
                    #expect(
                        forged.status == .unauthorized, "\(route.method) \(route.path) forged token → \(forged.status)")
                }
                for role in AccessRole.allCases {
                    let response = try await api.send(
                        route.method, path, token: seeded.tokens[role], json: body, contentType: contentType)
                    let allowed: Bool =
                        switch route.access {
                        case .anyone, .signedIn: true
                        case .permission(let permission): AccessPolicy.default.allows(role, permission)
                        }
                    if allowed {
                        #expect(
                            response.status != .unauthorized && response.status != .forbidden,
                            "\(role.rawValue) should reach \(route.method) \(route.path): \(response.status) \(response.text)"
                        )
                    } else {
                        #expect(
                            response.status == .forbidden,
                            "\(role.rawValue) must be refused \(route.method) \(route.path): \(response.status)")
                        #expect(response.problemType == Problem.typeBase + "permission.denied")
                    }
                    // The router never answers "no such endpoint" for a documented route.
                    #expect(
                        response.problemType != Problem.typeBase + "route.not-found", "\(route.method) \(route.path)")
                }
            }
        }
    }
}
