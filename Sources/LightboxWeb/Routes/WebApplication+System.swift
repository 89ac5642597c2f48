import Foundation
import Hummingbird
import LightboxDomain

/// Health report of `GET /health`.
public struct HealthReport: APISchema, Equatable {
    public static let schemaName = "HealthReport"
    public static let example = HealthReport(status: "ok", database: "ok", version: "0.1.0")
    public var status: String
    public var database: String
    public var version: String
}

/// Marker schema for the OpenAPI document itself.
public struct OpenAPIDocumentSchema: APISchema {
    public static let schemaName = "OpenAPIDocument"
    public static let example = OpenAPIDocumentSchema(openapi: "3.1.0")
    public var openapi: String
}

extension WebApplication {
    static var systemRoutes: [APIRoute] {
        [
            .raw(
                .get, "/health", id: "getHealth", summary: "Liveness and database check (no sign-in)", tag: "System",
                access: .anyone, responseSchema: HealthReport.self, problems: [.serviceUnavailable]
            ) { call in
                let environment = call.environment
                do {
                    try await environment.healthCheck()
                    return try environment.jsonResponse(
                        HealthReport(status: "ok", database: "ok", version: environment.version), status: .ok)
                } catch {
                    call.context.logger.error("Health check failed", metadata: ["error": "\(error)"])
                    return try environment.jsonResponse(
                        HealthReport(status: "unavailable", database: "unreachable", version: environment.version),
                        status: .serviceUnavailable)
                }
            },
            .raw(
                .get, "/metrics", id: "getMetrics", summary: "Request counts and latencies in Prometheus text format",
                tag: "System", access: .anyone, responseContentType: "text/plain; version=0.0.4"
            ) { call in
                let text = call.environment.metricsText?() ?? ""
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: .init(string: text)))
            },
            .raw(
                .get, "/api/openapi.json", id: "getOpenAPI", summary: "This OpenAPI 3.1 document", tag: "System",
                access: .anyone, responseSchema: OpenAPIDocumentSchema.self
            ) { call in
                let document = WebApplication(environment: call.environment).openAPI
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: .init(string: document.serialized(pretty: true))))
            },
        ]
    }
}
