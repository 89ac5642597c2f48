import Foundation
import HTTPTypes
import Hummingbird
import LightboxDomain

/// Who may call a route. Every `/api` route except sign-in states a permission (default deny).
public enum RouteAccess: Sendable, Equatable {
    /// No credentials needed (health, OpenAPI document, metrics, sign-in).
    case anyone
    /// Any signed-in account (who am I, sign out).
    case signedIn
    /// A signed-in account whose role has this permission in the `AccessPolicy`.
    case permission(Permission)
}

/// A query parameter of a route, for the OpenAPI document.
public struct QueryParameter: Sendable {
    public var name: String
    public var description: String
    public var format: String?
    public init(_ name: String, _ description: String, format: String? = nil) {
        self.name = name
        self.description = description
        self.format = format
    }
}

/// One endpoint: method, path, access rule, documented shapes and the handler. The router and
/// the OpenAPI document are both built from the same list of `APIRoute`s, so they cannot drift.
public struct APIRoute: Sendable {
    public var method: HTTPRequest.Method
    /// OpenAPI path template, e.g. `/api/patients/{patientID}`.
    public var path: String
    public var operationID: String
    public var summary: String
    public var tag: String
    public var access: RouteAccess
    public var query: [QueryParameter]
    /// Request body media type and schema type (nil: no body).
    public var requestContentType: String?
    public var requestSchema: (any APISchema.Type)?
    public var successStatus: HTTPResponse.Status
    public var responseContentType: String
    public var responseSchema: (any APISchema.Type)?
    /// Problem statuses the route can answer with besides the general ones.
    public var problemStatuses: [HTTPResponse.Status]
    /// Media type of error bodies: problem+json, or FHIR OperationOutcomes under /fhir.
    public var errorContentType: String = "application/problem+json"
    public var handler: @Sendable (Request, WebContext, APIEnvironment) async throws -> Response

    /// The path in Hummingbird's `:parameter` syntax.
    public var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// Names of `{parameters}` in the path.
    public var pathParameters: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}

extension APIRoute {
    /// A JSON route: the body (if any) is decoded as `In`, the handler's `Out` is encoded as JSON.
    public static func json<In: APISchema, Out: APISchema>(
        _ method: HTTPRequest.Method, _ path: String, id: String, summary: String, tag: String, access: RouteAccess,
        query: [QueryParameter] = [], body: In.Type, response: Out.Type, status: HTTPResponse.Status = .ok,
        problems: [HTTPResponse.Status] = [],
        handle: @escaping @Sendable (APICall, In) async throws -> Out
    ) -> APIRoute {
        APIRoute(
            method: method, path: path, operationID: id, summary: summary, tag: tag, access: access, query: query,
            requestContentType: In.self == NoBody.self ? nil : "application/json",
            requestSchema: In.self == NoBody.self ? nil : In.self, successStatus: status,
            responseContentType: "application/json", responseSchema: Out.self, problemStatuses: problems
        ) { request, context, environment in
            let call = try APICall(request: request, context: context, environment: environment, access: access)
            let input: In
            if let none = NoBody() as? In {
                input = none
            } else {
                let fromPath = Dictionary(uniqueKeysWithValues: In.pathMembers.map { ($0, call.parameter($0)) })
                input = try await call.decodeJSON(In.self, injecting: fromPath)
            }
            let output = try await handle(call, input)
            return try environment.jsonResponse(output, status: status)
        }
    }

    /// A route with full control over the request and response (CSV import, sign-in cookies, text formats).
    public static func raw(
        _ method: HTTPRequest.Method, _ path: String, id: String, summary: String, tag: String, access: RouteAccess,
        query: [QueryParameter] = [], requestContentType: String? = nil, requestSchema: (any APISchema.Type)? = nil,
        status: HTTPResponse.Status = .ok, responseContentType: String = "application/json",
        responseSchema: (any APISchema.Type)? = nil, problems: [HTTPResponse.Status] = [],
        handle: @escaping @Sendable (APICall) async throws -> Response
    ) -> APIRoute {
        APIRoute(
            method: method, path: path, operationID: id, summary: summary, tag: tag, access: access, query: query,
            requestContentType: requestContentType, requestSchema: requestSchema, successStatus: status,
            responseContentType: responseContentType, responseSchema: responseSchema, problemStatuses: problems
        ) { request, context, environment in
            try await handle(APICall(request: request, context: context, environment: environment, access: access))
        }
    }
}
