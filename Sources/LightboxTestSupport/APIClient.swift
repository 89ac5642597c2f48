import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxWeb
import NIOCore

/// A response as tests look at it.
public struct APIResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headers: HTTPFields
    public var text: String
    /// The body parsed as JSON, nil when it is not JSON.
    public var json: JSONValue? { try? JSONValue.parse(Data(text.utf8)) }
    /// `type` of a problem+json body; for a FHIR OperationOutcome, the same URI from the first
    /// issue's Lightbox problem code (`details.coding`), so one check covers both doors.
    public var problemType: String? {
        if case .string(let type)? = json?["type"] { return type }
        if case .string("OperationOutcome")? = json?["resourceType"],
            case .array(let issues)? = json?["issue"],
            case .array(let codings)? = issues.first?["details"]?["coding"],
            case .string(let code)? = codings.first?["code"]
        {
            return Problem.typeBase + code
        }
        return nil
    }
    /// The `field` names of a problem's `errors`.
    public var problemFields: [String] {
        guard case .array(let errors)? = json?["errors"] else { return [] }
        return errors.compactMap { if case .string(let field)? = $0["field"] { field } else { nil } }
    }
    /// A string member of the JSON body by dotted path (`value.state`).
    public func string(_ path: String) -> String? {
        var node = json
        for key in path.split(separator: ".") { node = node?[String(key)] }
        if case .string(let value)? = node { return value }
        return nil
    }
}

/// Sends API requests with a bearer token or cookie.
public struct APIClient: Sendable {
    let client: any TestClientProtocol

    public init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// Sends `method path` with an optional JSON (or raw) body.
    public func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, cookie: String? = nil,
        json: String? = nil, body: String? = nil, contentType: String? = nil
    ) async throws -> APIResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = cookie }
        var buffer: ByteBuffer?
        if let json {
            headers[.contentType] = contentType ?? "application/json"
            buffer = ByteBuffer(string: json)
        } else if let body {
            if let contentType { headers[.contentType] = contentType }
            buffer = ByteBuffer(string: body)
        }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: buffer)
        return APIResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Sends `method path` with exactly these headers (Accept, Prefer, …) and an optional body.
    public func send(_ method: HTTPRequest.Method, _ path: String, headers: HTTPFields, body: String?) async throws
        -> APIResponse
    {
        let response = try await client.executeRequest(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return APIResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Encodes `value` as the JSON body.
    public func send<T: Encodable>(_ method: HTTPRequest.Method, _ path: String, token: String?, value: T) async throws
        -> APIResponse
    {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        return try await send(method, path, token: token, json: json)
    }
}
