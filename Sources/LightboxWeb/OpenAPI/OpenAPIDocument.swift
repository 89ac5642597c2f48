import Foundation
import HTTPTypes
import LightboxDomain

/// Builds the OpenAPI 3.1 document from the route table (OpenAPI Specification 3.1.0).
public struct OpenAPIDocument: Sendable {
    public var routes: [APIRoute]
    public var version: String

    public init(routes: [APIRoute], version: String) {
        self.routes = routes
        self.version = version
    }

    public func build() -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        var schemas: [(String, JSONValue)] = [("Problem", problemSchema)]
        var named = Set(["Problem"])
        func reference(_ type: any APISchema.Type) -> JSONValue {
            let name = type.schemaName
            if named.insert(name).inserted {
                let (schema, example) = SchemaInference.schema(of: type, encoder: encoder)
                var members: [(String, JSONValue)] = []
                if case .object(let parts) = schema { members = parts }
                members.append(("examples", .array([example])))
                schemas.append((name, .object(members)))
            }
            return ["$ref": .string("#/components/schemas/\(name)")]
        }

        var paths: [(String, [(String, JSONValue)])] = []
        for route in routes {
            let operation = self.operation(route, reference: reference)
            let method = route.method.rawValue.lowercased()
            if let index = paths.firstIndex(where: { $0.0 == route.path }) {
                paths[index].1.append((method, operation))
            } else {
                paths.append((route.path, [(method, operation)]))
            }
        }
        return .object([
            ("openapi", "3.1.0"),
            (
                "info",
                .object([
                    ("title", "Lightbox API"),
                    ("version", .string(version)),
                    (
                        "description",
                        "The JSON API of Lightbox, an imaging department's information system. Every /api route except sign-in needs a signed-in account whose role holds the route's permission (x-lightbox-permission). Errors are application/problem+json (RFC 9457); `type` is stable per problem code."
                    ),
                ])
            ),
            ("tags", .array(orderedUnique(routes.map(\.tag)).map { .object([("name", .string($0))]) })),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
            (
                "components",
                .object([
                    ("schemas", .object(schemas)),
                    (
                        "securitySchemes",
                        .object([
                            (
                                "bearerToken",
                                .object([
                                    ("type", "http"), ("scheme", "bearer"),
                                    (
                                        "description",
                                        "API token from `lightbox user add` or POST /api/accounts/{username}/tokens."
                                    ),
                                ])
                            ),
                            (
                                "sessionCookie",
                                .object([
                                    ("type", "apiKey"), ("in", "cookie"), ("name", "lightbox_session"),
                                    ("description", "Browser session from POST /api/session."),
                                ])
                            ),
                        ])
                    ),
                ])
            ),
            (
                "x-problem-types",
                .array(
                    Problem.allTypes.map {
                        .object([
                            ("type", .string(Problem.typeBase + $0.code)), ("status", .number(Double($0.status))),
                            ("title", .string($0.title)),
                        ])
                    })
            ),
        ])
    }

    private func operation(_ route: APIRoute, reference: (any APISchema.Type) -> JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operationId", .string(route.operationID)),
            ("summary", .string(route.summary)),
            ("tags", [.string(route.tag)]),
        ]
        switch route.access {
        case .anyone:
            members.append(("security", []))
        case .signedIn:
            members.append(("security", [["bearerToken": []], ["sessionCookie": []]]))
            members.append(("x-lightbox-permission", "signed-in"))
        case .permission(let permission):
            members.append(("security", [["bearerToken": []], ["sessionCookie": []]]))
            members.append(("x-lightbox-permission", .string(permission.rawValue)))
        }
        var parameters: [JSONValue] = route.pathParameters.map { name in
            .object([
                ("name", .string(name)), ("in", "path"), ("required", true),
                ("schema", name.hasSuffix("ID") ? ["type": "string", "format": "uuid"] : ["type": "string"]),
            ])
        }
        parameters += route.query.map { parameter in
            var schema: [(String, JSONValue)] = [("type", "string")]
            if let format = parameter.format { schema.append(("format", .string(format))) }
            return .object([
                ("name", .string(parameter.name)), ("in", "query"), ("required", false),
                ("description", .string(parameter.description)), ("schema", .object(schema)),
            ])
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let contentType = route.requestContentType {
            let schema: JSONValue = route.requestSchema.map(reference) ?? ["type": "string"]
            members.append(
                (
                    "requestBody",
                    .object([("required", true), ("content", .object([(contentType, .object([("schema", schema)]))]))])
                ))
        }
        let successSchema: JSONValue = route.responseSchema.map(reference) ?? ["type": "string"]
        var responses: [(String, JSONValue)] = [
            (
                String(route.successStatus.code),
                .object([
                    ("description", .string(route.successStatus.reasonPhrase)),
                    ("content", .object([(route.responseContentType, .object([("schema", successSchema)]))])),
                ])
            )
        ]
        var statuses: [HTTPResponse.Status] = route.problemStatuses
        if route.access != .anyone { statuses += [.unauthorized] }
        if case .permission = route.access { statuses += [.forbidden] }
        if route.requestContentType != nil { statuses += [.badRequest, .contentTooLarge, .unprocessableContent] }
        if !route.pathParameters.isEmpty { statuses += [.notFound] }
        for status in orderedUnique(statuses.map(\.code)).sorted() {
            responses.append(
                (
                    String(status),
                    .object([
                        ("description", .string(HTTPResponse.Status(code: status).reasonPhrase)),
                        (
                            "content",
                            route.errorContentType == "application/problem+json"
                                ? ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]
                                : .object([
                                    (
                                        route.errorContentType,
                                        .object([
                                            (
                                                "schema",
                                                .object([
                                                    ("type", "object"),
                                                    ("description", "FHIR R4 OperationOutcome (resourceType, issue[])"),
                                                ])
                                            )
                                        ])
                                    )
                                ])
                        ),
                    ])
                ))
        }
        members.append(("responses", .object(responses)))
        return .object(members)
    }

    private var problemSchema: JSONValue {
        .object([
            ("type", "object"),
            ("description", "RFC 9457 problem details. `type` is one of x-problem-types."),
            (
                "properties",
                .object([
                    ("type", ["type": "string", "format": "uri"]),
                    ("title", ["type": "string"]),
                    ("status", ["type": "integer"]),
                    ("detail", ["type": "string"]),
                    (
                        "errors",
                        .object([
                            ("type", "array"),
                            (
                                "items",
                                .object([
                                    ("type", "object"),
                                    ("properties", ["field": ["type": "string"], "problem": ["type": "string"]]),
                                    ("required", ["field", "problem"]),
                                ])
                            ),
                        ])
                    ),
                ])
            ),
            ("required", ["type", "title", "status", "detail"]),
        ])
    }

    private func orderedUnique<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }
}
