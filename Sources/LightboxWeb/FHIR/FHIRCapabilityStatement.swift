import Foundation

/// The server's CapabilityStatement (FHIR R4 §2.40), answered at `GET /fhir/metadata`: FHIR 4.0.1,
/// JSON, bearer-token security, and per resource type exactly the interactions and search
/// parameters of `FHIRResourceDefinition.all`.
public struct FHIRCapabilityStatement: Sendable {
    public var resources: [FHIRResourceDefinition]
    public var version: String
    public var baseURL: String
    public var date: Date

    public init(resources: [FHIRResourceDefinition], version: String, baseURL: String, date: Date) {
        self.resources = resources
        self.version = version
        self.baseURL = baseURL
        self.date = date
    }

    public var json: JSONValue {
        .fhir([
            ("resourceType", "CapabilityStatement"),
            ("status", "active"),
            ("date", .instant(date)),
            ("publisher", "Lightbox"),
            ("kind", "instance"),
            ("software", .fhir([("name", "Lightbox"), ("version", .string(version))])),
            (
                "implementation",
                .fhir([("description", "Lightbox imaging department FHIR door"), ("url", .string(baseURL))])
            ),
            ("fhirVersion", "4.0.1"),
            ("format", .array([.string(FHIRFormat.mediaType), "json"])),
            (
                "rest",
                .array([
                    .fhir([
                        ("mode", "server"),
                        (
                            "documentation",
                            .string(
                                "Searches refuse unknown parameters and modifiers with 400 (handling=strict) unless the "
                                    + "request says 'Prefer: handling=lenient', when they are ignored and listed in an "
                                    + "OperationOutcome entry of the Bundle. Every read and search is audited.")
                        ),
                        (
                            "security",
                            .fhir([
                                (
                                    "service",
                                    .array([
                                        .fhir([
                                            (
                                                "coding",
                                                .array([
                                                    .fhir([
                                                        (
                                                            "system",
                                                            "http://terminology.hl7.org/CodeSystem/restful-security-service"
                                                        ),
                                                        ("code", "OAuth"),
                                                    ])
                                                ])
                                            ),
                                            ("text", "Bearer token"),
                                        ])
                                    ])
                                ),
                                (
                                    "description",
                                    "Send an API token as 'Authorization: Bearer …'; the account's role decides what it may read or create."
                                ),
                            ])
                        ),
                        ("resource", .array(resources.map(resource))),
                    ])
                ])
            ),
        ])
    }

    func resource(_ definition: FHIRResourceDefinition) -> JSONValue {
        .fhir([
            ("type", .string(definition.type)),
            ("profile", .string(definition.profile)),
            ("documentation", .string(definition.documentation)),
            ("interaction", .array(definition.interactions.map { .fhir([("code", .string($0))]) })),
            ("versioning", "no-version"),
            ("readHistory", false),
            ("updateCreate", false),
            ("conditionalCreate", false),
            ("conditionalRead", "not-supported"),
            ("conditionalUpdate", false),
            ("conditionalDelete", "not-supported"),
            (
                "searchParam",
                .array(
                    definition.search == nil
                        ? []
                        : definition.searchParameters.map { parameter in
                            .fhir([
                                ("name", .string(parameter.name)),
                                ("definition", parameter.definition.map { .string($0) }),
                                ("type", .string(parameter.kind.rawValue)),
                                ("documentation", .string(parameter.documentation)),
                            ])
                        })
            ),
        ])
    }
}
