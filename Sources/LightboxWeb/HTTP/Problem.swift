import Foundation
import Hummingbird

/// An HTTP API problem: RFC 9457 "Problem Details for HTTP APIs", served as
/// `application/problem+json`. `type` is a stable URI per problem code so clients can branch on it.
public struct Problem: Error, Sendable, Equatable {
    /// One field that is missing or wrong (RFC 9457 §3.2 extension member `errors`).
    public struct FieldError: Sendable, Equatable, Codable {
        /// JSON path of the field, e.g. `patient.nhsNumber`.
        public var field: String
        /// What is wrong with it, in words a radiographer understands.
        public var problem: String
        public init(field: String, problem: String) {
            self.field = field
            self.problem = problem
        }
    }

    /// Base of every problem type URI.
    public static let typeBase = "https://lightbox.example/problems/"

    /// Stable machine code; `type` is `typeBase + code`.
    public var code: String
    public var title: String
    public var status: HTTPResponse.Status
    public var detail: String
    public var errors: [FieldError]
    /// Extra headers (e.g. `WWW-Authenticate` on 401).
    public var headers: HTTPFields

    public init(
        code: String, title: String, status: HTTPResponse.Status, detail: String, errors: [FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.code = code
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// RFC 9457 §3.1.1 `type`.
    public var type: String { Self.typeBase + code }

    /// The problem document.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string(type)),
            ("title", .string(title)),
            ("status", .number(Double(status.code))),
            ("detail", .string(detail)),
        ]
        if !errors.isEmpty {
            members.append(
                (
                    "errors",
                    .array(errors.map { .object([("field", .string($0.field)), ("problem", .string($0.problem))]) })
                )
            )
        }
        return .object(members)
    }

    /// The HTTP response carrying this problem.
    public func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: .init(string: json.serialized())))
    }
}

extension Problem {
    /// No or unknown credentials (401).
    public static func unauthenticated(_ detail: String = "Sign in, or send an API token as 'Authorization: Bearer …'.")
        -> Problem
    {
        Problem(
            code: "authentication.required", title: "Sign-in required", status: .unauthorized, detail: detail,
            headers: [.wwwAuthenticate: "Bearer realm=\"lightbox\""])
    }

    /// Signed in, but the role lacks the permission (403).
    public static func forbidden(role: String, permission: String) -> Problem {
        Problem(
            code: "permission.denied", title: "Not permitted for your role", status: .forbidden,
            detail: "The role '\(role)' does not have the permission '\(permission)'.")
    }

    /// Malformed request body (400).
    public static func malformedBody(_ detail: String) -> Problem {
        Problem(
            code: "request.malformed", title: "The request body could not be read", status: .badRequest, detail: detail)
    }

    /// Request body over the configured limit (413); `limit` 0 when the limit is not known here.
    public static func bodyTooLarge(limit: Int) -> Problem {
        Problem(
            code: "request.too-large", title: "Request body too large", status: .contentTooLarge,
            detail: limit > 0
                ? "The request body is larger than the limit of \(limit) bytes."
                : "The request body is larger than this server accepts.")
    }

    /// A validation failure listing each field (422).
    public static func invalid(_ detail: String, errors: [FieldError]) -> Problem {
        Problem(
            code: "request.invalid", title: "The request is incomplete or wrong", status: .unprocessableContent,
            detail: detail, errors: errors)
    }

    /// No route for this path/method (404), distinct from a missing record.
    public static func routeNotFound(_ path: String) -> Problem {
        Problem(
            code: "route.not-found", title: "No such endpoint", status: .notFound,
            detail: "Nothing is served at \(path).")
    }

    /// Unsupported media type (415).
    public static func unsupportedMediaType(expected: String) -> Problem {
        Problem(
            code: "request.unsupported-media-type", title: "Unsupported media type", status: .unsupportedMediaType,
            detail: "Send the body as \(expected).")
    }
}
