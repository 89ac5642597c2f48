import Foundation
import Hummingbird

/// A search request's parameters, checked against what the resource type supports (FHIR R4
/// §3.1.1.5). Unknown parameters and modifiers are refused with 400 (`handling=strict`, this
/// server's default); with `Prefer: handling=lenient` they are ignored and listed in the Bundle's
/// OperationOutcome entry instead. Result parameters: `_count` (page size, at most
/// `maximumCount`), `_offset` (start of the page, for the Bundle's next/previous links),
/// `_format` and `_pretty`.
public struct FHIRSearchParameters: Sendable, Equatable {
    /// One parameter as sent.
    public struct Value: Sendable, Equatable {
        public var name: String
        public var modifier: String?
        /// The value with FHIR's escapes still in place (`\,` `\|` `\$` `\\`).
        public var raw: String

        /// The comma-separated alternatives, unescaped except for `\|` (kept for token splitting).
        public var alternatives: [String] {
            FHIRSearchParameters.split(raw, on: ",").map { FHIRSearchParameters.unescape($0, keepingPipes: true) }
        }

        /// The whole value unescaped.
        public var text: String { FHIRSearchParameters.unescape(raw, keepingPipes: false) }
    }

    /// Result-control parameters every search accepts.
    public static let resultParameters: Set<String> = ["_count", "_offset", "_format", "_pretty"]
    public static let defaultCount = 50
    public static let maximumCount = 500

    public var values: [Value]
    /// Parameters ignored under lenient handling, as sent (`name=value`).
    public var ignored: [String]
    public var count: Int
    public var offset: Int
    /// The query as understood, for the Bundle's `self` link (name → raw values, in request order).
    public var understood: [(String, String)] {
        values.map { value in (value.modifier.map { "\(value.name):\($0)" } ?? value.name, value.raw) }
    }

    public static func == (lhs: FHIRSearchParameters, rhs: FHIRSearchParameters) -> Bool {
        lhs.values == rhs.values && lhs.ignored == rhs.ignored && lhs.count == rhs.count && lhs.offset == rhs.offset
    }

    /// Checks `query` (name, value pairs as sent) against `supported`.
    public init(query: [(String, String)], supported: [FHIRSearchParameter], lenient: Bool) throws(OperationOutcome) {
        var values: [Value] = []
        var ignored: [String] = []
        var issues: [OperationOutcome.Issue] = []
        var count = Self.defaultCount
        var offset = 0
        func refuse(_ text: String, _ name: String, code: String = "not-supported") {
            if lenient {
                ignored.append(text)
            } else {
                issues.append(
                    .init(code: code, problemCode: "fhir.search-parameter", diagnostics: text, expression: [name]))
            }
        }
        for (key, raw) in query {
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            let name = parts.first ?? key
            let modifier = parts.count > 1 ? parts[1] : nil
            if Self.resultParameters.contains(name) {
                switch name {
                case "_count":
                    guard let number = Int(raw), (0...Self.maximumCount).contains(number) else {
                        issues.append(
                            .init(
                                code: "value", problemCode: "fhir.search-parameter",
                                diagnostics: "_count must be a whole number from 0 to \(Self.maximumCount)",
                                expression: ["_count"]))
                        continue
                    }
                    count = number
                case "_offset":
                    guard let number = Int(raw), number >= 0 else {
                        issues.append(
                            .init(
                                code: "value", problemCode: "fhir.search-parameter",
                                diagnostics: "_offset must be a whole number from 0", expression: ["_offset"]))
                        continue
                    }
                    offset = number
                default: break
                }
                continue
            }
            guard let parameter = supported.first(where: { $0.name == name }) else {
                refuse(
                    "Unknown search parameter '\(key)': this server supports "
                        + supported.map(\.name).joined(separator: ", ") + ".", name)
                continue
            }
            if let modifier, !parameter.modifiers.contains(modifier) {
                refuse("The modifier ':\(modifier)' is not supported on '\(name)'.", name)
                continue
            }
            if raw.isEmpty {
                // FHIR R4 §3.1.1.5: an empty parameter value is ignored.
                continue
            }
            if !parameter.allowsList && Self.split(raw, on: ",").count > 1 {
                issues.append(
                    .init(
                        code: "not-supported", problemCode: "fhir.search-parameter",
                        diagnostics: "'\(name)' takes one value, not a list.", expression: [name]))
                continue
            }
            if !parameter.repeatable && values.contains(where: { $0.name == name }) {
                issues.append(
                    .init(
                        code: "not-supported", problemCode: "fhir.search-parameter",
                        diagnostics: "Give '\(name)' once (use a comma-separated list where the parameter allows one).",
                        expression: [name]))
                continue
            }
            values.append(Value(name: name, modifier: modifier, raw: raw))
        }
        if !issues.isEmpty { throw OperationOutcome(status: .badRequest, issues: issues) }
        self.values = values
        self.ignored = ignored
        self.count = count
        self.offset = offset
    }

    /// Reads the query and `Prefer: handling=` of a request.
    public init(request: Request, supported: [FHIRSearchParameter]) throws(OperationOutcome) {
        let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        let prefer = request.headers.filter { $0.name.canonicalName == "prefer" }.map(\.value).joined(separator: ",")
            .lowercased()
        let lenient = prefer.contains("handling=lenient")
        try self.init(query: query, supported: supported, lenient: lenient)
    }

    /// Every value of parameter `name`.
    public func all(_ name: String) -> [Value] {
        values.filter { $0.name == name }
    }

    /// The value of a parameter given at most once.
    public func one(_ name: String) -> Value? {
        values.first { $0.name == name }
    }

    /// Splits on unescaped `separator`.
    static func split(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append("\\")
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        parts.append(current)
        return parts
    }

    /// Removes FHIR's search escapes; `\|` stays escaped when `keepingPipes` (tokens split on it later).
    static func unescape(_ text: String, keepingPipes: Bool) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                if keepingPipes && character == "|" { out.append("\\") }
                out.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        if escaped { out.append("\\") }
        return out
    }
}
