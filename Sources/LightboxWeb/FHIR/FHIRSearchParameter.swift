import Foundation

/// A search parameter a resource type supports (FHIR R4 §3.1.1 "Search"): name, type, which
/// modifiers it takes, whether it takes a comma-separated list (OR) and what it matches. Routes
/// parse queries against this list and the CapabilityStatement publishes it, so both say the same.
public struct FHIRSearchParameter: Sendable, Equatable {
    /// SearchParamType (FHIR R4 §3.1.1.4).
    public enum Kind: String, Sendable {
        case token, string, date, reference
    }

    public var name: String
    public var kind: Kind
    /// Modifiers accepted after a colon (`family:exact`).
    public var modifiers: [String]
    /// Whether `a,b` means "a or b" for this parameter.
    public var allowsList: Bool
    /// Whether the parameter may be repeated (AND), as date ranges are.
    public var repeatable: Bool
    /// The canonical SearchParameter definition this follows (CapabilityStatement `definition`).
    public var definition: String?
    public var documentation: String

    public init(
        _ name: String, _ kind: Kind, modifiers: [String] = [], allowsList: Bool = false, repeatable: Bool = false,
        definition: String? = nil, _ documentation: String
    ) {
        self.name = name
        self.kind = kind
        self.modifiers = modifiers
        self.allowsList = allowsList
        self.repeatable = repeatable
        self.definition = definition
        self.documentation = documentation
    }

    /// `_id`: the logical id (every resource).
    static let id = FHIRSearchParameter(
        "_id", .token, definition: "http://hl7.org/fhir/SearchParameter/Resource-id", "The resource's logical id")

    /// The base definition URL of a standard parameter (`Patient-birthdate`).
    static func base(_ resource: String, _ name: String) -> String {
        "http://hl7.org/fhir/SearchParameter/\(resource)-\(name)"
    }
}
