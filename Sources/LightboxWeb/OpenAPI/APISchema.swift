import Foundation

/// A type that appears in the API: it names its schema and gives a fully populated example. The
/// OpenAPI schema is derived from the example — its JSON encoding gives the shape, its reflection
/// tells required (non-optional) members from optional ones — so the document describes exactly
/// what the handlers send and accept.
public protocol APISchema: Codable, Sendable {
    /// Component name in `#/components/schemas`.
    static var schemaName: String { get }
    /// A realistic value with every optional member set.
    static var example: Self { get }
    /// Members taken from the URL path rather than the body (e.g. `examID`): not documented in the
    /// body schema and not required from the client.
    static var pathMembers: [String] { get }
    /// Values filled in when the client leaves a member out, by dotted path (`pregnancy.question`);
    /// a nested default applies only when its parent object is sent. Documented as `default`.
    static var memberDefaults: [String: JSONValue] { get }
}

extension APISchema {
    public static var pathMembers: [String] { [] }
    public static var memberDefaults: [String: JSONValue] { [:] }

    /// Body members that are not optional (minus `pathMembers`).
    static var requiredMembers: [String] {
        SchemaInference.requiredMembers(of: example).filter { !pathMembers.contains($0) && memberDefaults[$0] == nil }
    }
}

extension Array: APISchema where Element: APISchema {
    public static var schemaName: String { "ListOf" + Element.schemaName }
    public static var example: [Element] { [Element.example] }
}

/// A request without a body.
public struct NoBody: APISchema, Equatable {
    public static let schemaName = "NoBody"
    public static let example = NoBody()
    public init() {}
}

enum SchemaInference {
    /// Names of the stored properties of a struct value that are not `Optional`.
    static func requiredMembers(of value: Any) -> [String] {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .struct || mirror.displayStyle == .class else { return [] }
        return mirror.children.compactMap { child in
            guard let label = child.label else { return nil }
            return Mirror(reflecting: child.value).displayStyle == .optional ? nil : label
        }
    }

    private static func unwrapOptional(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map(\.value)
    }

    /// JSON Schema (2020-12, as used by OpenAPI 3.1) of an encoded example and the value it came from.
    static func schema(
        of json: JSONValue, value: Any?, omitting omitted: [String] = [], defaults: [String: JSONValue] = [:],
        path: String = ""
    ) -> JSONValue {
        switch json {
        case .null: return ["type": "null"]
        case .bool: return ["type": "boolean"]
        case .number(let n): return ["type": n.rounded() == n ? "integer" : "number"]
        case .string(let s):
            if UUID(uuidString: s) != nil { return ["type": "string", "format": "uuid"] }
            if ISO8601DateFormatter().date(from: s) != nil { return ["type": "string", "format": "date-time"] }
            return ["type": "string"]
        case .array(let items):
            let element: Any? = value.flatMap { Mirror(reflecting: $0).children.first?.value }
            let itemSchema = items.first.map { schema(of: $0, value: element, defaults: defaults, path: path + "[]") }
            return .object([("type", "array"), ("items", itemSchema ?? .object([]))])
        case .object(let members):
            let mirror = value.map { Mirror(reflecting: $0) }
            let isStruct = mirror?.displayStyle == .struct || mirror?.displayStyle == .class
            var childValues: [String: Any] = [:]
            if isStruct, let mirror {
                for child in mirror.children {
                    if let label = child.label, let unwrapped = unwrapOptional(child.value) {
                        childValues[label] = unwrapped
                    }
                }
            }
            let kept = members.filter { !omitted.contains($0.0) }
            let prefix = path.isEmpty ? "" : path + "."
            let required: [String] =
                isStruct
                ? value.map(requiredMembers(of:))?.filter { name in
                    kept.contains { $0.0 == name } && defaults[prefix + name] == nil
                } ?? []
                : []
            let properties: [(String, JSONValue)] = kept.map { name, member in
                var property = schema(of: member, value: childValues[name], defaults: defaults, path: prefix + name)
                if let fallback = defaults[prefix + name], case .object(var parts) = property {
                    parts.append(("default", fallback))
                    property = .object(parts)
                }
                return (name, property)
            }
            var parts: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
            if !required.isEmpty { parts.append(("required", .array(required.map { .string($0) }))) }
            return .object(parts)
        }
    }

    static func schema<T: APISchema>(of type: T.Type, encoder: JSONEncoder) -> (schema: JSONValue, example: JSONValue) {
        var example = (try? encoder.encode(T.example)).flatMap { try? JSONValue.parse($0) } ?? .null
        if case .object(let members) = example { example = .object(members.filter { !T.pathMembers.contains($0.0) }) }
        return (schema(of: example, value: T.example, omitting: T.pathMembers, defaults: T.memberDefaults), example)
    }
}
