import Foundation

/// A searchset Bundle (FHIR R4 §2.36 "Bundle", §3.1.1.2 "Search results"): the page of matches
/// with their full URLs, the total number of matches, `self` and paging links, and (under lenient
/// handling) an OperationOutcome entry naming the parameters that were ignored.
public struct FHIRBundle: Sendable {
    public var type: String
    public var baseURL: String
    /// Every match (the Bundle carries the page `offset..<offset+count`).
    public var matches: [JSONValue]
    public var parameters: FHIRSearchParameters

    public init(type: String, baseURL: String, matches: [JSONValue], parameters: FHIRSearchParameters) {
        self.type = type
        self.baseURL = baseURL
        self.matches = matches
        self.parameters = parameters
    }

    public var json: JSONValue {
        let offset = min(parameters.offset, matches.count)
        let end = min(matches.count, offset + parameters.count)
        let page = matches[offset..<end]
        var links: [JSONValue] = [link("self", offset: parameters.offset)]
        if parameters.count > 0 {
            if end < matches.count { links.append(link("next", offset: end)) }
            if offset > 0 { links.append(link("previous", offset: max(0, offset - parameters.count))) }
        }
        var entries: [JSONValue] = page.map { resource in
            .fhir([
                (
                    "fullUrl",
                    .string(
                        "\(baseURL)/\(resource["resourceType"]?.stringValue ?? type)/\(resource["id"]?.stringValue ?? "")"
                    )
                ),
                ("resource", resource),
                ("search", .fhir([("mode", "match")])),
            ])
        }
        if !parameters.ignored.isEmpty {
            let outcome = OperationOutcome(
                status: .ok,
                issues: parameters.ignored.map {
                    .init(
                        severity: "warning", code: "not-supported", problemCode: "fhir.search-parameter",
                        diagnostics: "Ignored: \($0)")
                })
            entries.append(.fhir([("resource", outcome.json), ("search", .fhir([("mode", "outcome")]))]))
        }
        return .fhir([
            ("resourceType", "Bundle"),
            ("type", "searchset"),
            ("total", .number(Double(matches.count))),
            ("link", .array(links)),
            ("entry", .array(entries)),
        ])
    }

    func link(_ relation: String, offset: Int) -> JSONValue {
        var query = parameters.understood.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }
        query.append("_count=\(parameters.count)")
        if offset > 0 { query.append("_offset=\(offset)") }
        return .fhir([
            ("relation", .string(relation)), ("url", .string("\(baseURL)/\(type)?" + query.joined(separator: "&"))),
        ])
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
