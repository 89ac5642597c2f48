import Foundation
import Hummingbird
import LightboxDomain
import NIOCore

/// One API request as a handler sees it: access already checked, the caller as a domain `Actor`,
/// path and query parameters, and the body decoded with errors a client can act on.
public struct APICall: Sendable {
    public let request: Request
    public let context: WebContext
    public let environment: APIEnvironment
    /// The caller; nil only on routes open to anyone.
    public let user: SignedInUser?

    init(request: Request, context: WebContext, environment: APIEnvironment, access: RouteAccess) throws {
        self.request = request
        self.context = context
        self.environment = environment
        self.user = context.identity
        switch access {
        case .anyone:
            break
        case .signedIn:
            guard context.identity != nil else { throw Problem.unauthenticated() }
        case .permission(let permission):
            guard let user = context.identity else { throw Problem.unauthenticated() }
            guard environment.policy.allows(user.role, permission) else {
                throw Problem.forbidden(role: user.role.rawValue, permission: permission.rawValue)
            }
        }
    }

    /// The acting person for use cases.
    public var actor: Actor {
        get throws {
            guard let user else { throw Problem.unauthenticated() }
            return user.actor(address: context.remoteAddress)
        }
    }

    public var department: Department { environment.department }
    public var store: any DepartmentStore { environment.store }

    /// A `{name}` path parameter that must be a UUID.
    public func id(_ name: String) throws -> UUID {
        let raw = context.parameters.get(name) ?? ""
        guard let id = UUID(uuidString: raw) else {
            throw Problem.invalid(
                "'\(raw)' is not a valid identifier.", errors: [.init(field: name, problem: "must be a UUID")])
        }
        return id
    }

    /// A `{name}` path parameter as text.
    public func parameter(_ name: String) -> String {
        context.parameters.get(name) ?? ""
    }

    /// A query parameter, nil when absent or empty.
    public func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters[Substring(name)].map(String.init), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// A query parameter that must be a calendar date (YYYY-MM-DD) when present.
    public func queryDate(_ name: String) throws -> CalendarDate? {
        guard let raw = query(name) else { return nil }
        do {
            return try CalendarDate(iso: raw)
        } catch {
            throw Problem.invalid(
                "'\(raw)' is not a date.", errors: [.init(field: name, problem: "must be a date as YYYY-MM-DD")])
        }
    }

    /// A page size from the query: `fallback` when absent, else a whole number from 1 to `maximum`; a wrong
    /// value is added to `errors` (so a route can name every wrong filter at once) and `fallback` returned.
    public func queryLimit(
        _ name: String = "limit", fallback: Int, maximum: Int, errors: inout [Problem.FieldError]
    ) -> Int {
        guard let raw = query(name) else { return fallback }
        guard let value = Int(raw), (1...maximum).contains(value) else {
            errors.append(.init(field: name, problem: "must be a whole number from 1 to \(maximum)"))
            return fallback
        }
        return value
    }

    /// The body bytes, refused with 413 beyond the configured limit.
    public func body() async throws -> ByteBuffer {
        let limit = environment.limits.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
    }

    /// The body decoded from JSON. Text that is not JSON gets 400 naming what is wrong; JSON that
    /// lacks required members or has wrong types gets 422 listing every such field. Members named in
    /// `injecting` (identifiers from the URL path) are set from the path, overriding the body.
    public func decodeJSON<T: APISchema>(_ type: T.Type, injecting: [String: String] = [:]) async throws -> T {
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw Problem.unsupportedMediaType(expected: "application/json")
        }
        let buffer = try await body()
        var data = Data(buffer.readableBytesView)
        let object: Any
        if data.isEmpty && !injecting.isEmpty {
            object = [String: Any]()
        } else {
            guard !data.isEmpty else { throw Problem.malformedBody("The request needs a JSON body.") }
            do {
                object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            } catch {
                throw Problem.malformedBody("The body is not valid JSON: \(Self.jsonSyntaxProblem(error)).")
            }
        }
        guard var members = object as? [String: Any] else {
            throw Problem.malformedBody("The body must be a JSON object.")
        }
        for (key, value) in injecting { members[key] = value }
        for (path, value) in T.memberDefaults {
            Self.fillDefault(&members, path: path.split(separator: ".").map(String.init), value: value)
        }
        let missing = T.requiredMembers.filter { members[$0] == nil || members[$0] is NSNull }
        if !missing.isEmpty {
            throw Problem.invalid(
                "Required items are missing: \(missing.joined(separator: ", ")).",
                errors: missing.map { .init(field: $0, problem: "is required") })
        }
        data = try JSONSerialization.data(withJSONObject: members)
        do {
            return try environment.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            let (field, problem) = Self.describe(error)
            throw Problem.invalid("\(field) \(problem).", errors: [.init(field: field, problem: problem)])
        } catch let error as DomainError {
            // Value types validate themselves while decoding (an NHS number's check digit, a date).
            throw Problem(error)
        }
    }

    /// Sets `value` at `path` when the member is absent and its parent object was sent. A `[]`
    /// suffix on a path component applies the rest of the path to every element of that array.
    static func fillDefault(_ object: inout [String: Any], path: [String], value: JSONValue) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if object[first] == nil || object[first] is NSNull { object[first] = value.foundationObject }
            return
        }
        let rest = Array(path.dropFirst())
        if first.hasSuffix("[]") {
            let key = String(first.dropLast(2))
            guard var items = object[key] as? [Any] else { return }
            for index in items.indices {
                if var element = items[index] as? [String: Any] {
                    fillDefault(&element, path: rest, value: value)
                    items[index] = element
                }
            }
            object[key] = items
        } else if var child = object[first] as? [String: Any] {
            fillDefault(&child, path: rest, value: value)
            object[first] = child
        }
    }

    static func jsonSyntaxProblem(_ error: any Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }

    /// The field path and what is wrong with it.
    static func describe(_ error: DecodingError) -> (field: String, problem: String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "body" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .dataCorrupted(let context):
            return (path(context.codingPath), "is not valid: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "is required")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "has the wrong type (expected \(Self.typeName(type)))")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "must not be null (expected \(Self.typeName(type)))")
        @unknown default:
            return ("body", "could not be decoded")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        case is [String: Any].Type: "an object"
        default: String(describing: type)
        }
    }
}
