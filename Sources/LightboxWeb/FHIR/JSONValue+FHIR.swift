import Foundation

extension JSONValue {
    /// A FHIR JSON object from members in the order FHIR lists them, leaving out absent values and
    /// empty arrays: FHIR R4 §2.6.2 ("JSON Representation") forbids empty arrays and null members.
    static func fhir(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(
            members.compactMap { name, value in
                guard let value else { return nil }
                if case .array(let items) = value, items.isEmpty { return nil }
                if case .object(let inner) = value, inner.isEmpty { return nil }
                if case .string(let text) = value, text.isEmpty { return nil }
                return (name, value)
            })
    }

    /// A FHIR `instant`/`dateTime` in UTC with seconds (FHIR R4 §2.24.0.1 "Primitive Types").
    static func instant(_ date: Date) -> JSONValue {
        .string(date.formatted(.iso8601))
    }

    /// The string value, nil for other kinds.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements of an array, empty for other kinds.
    var arrayValue: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// Whether this is a JSON object.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
