import Foundation
import LightboxDomain

/// Patient (FHIR R4 §8.1) from a patient record: NHS number and hospital numbers (type MR, system
/// per issuing authority, the authority as `assigner`), name, gender, birth date, address, GP
/// practice; a merged record is inactive with a `replaced-by` link to the surviving one.
public enum FHIRPatient {
    public static func resource(_ patient: Patient) -> JSONValue {
        var identifiers: [JSONValue] = []
        if let nhs = patient.nhsNumber {
            identifiers.append(
                .fhir([("system", .string(FHIRNamingSystem.nhsNumber)), ("value", .string(nhs.digits))]))
        }
        for number in patient.hospitalNumbers {
            identifiers.append(
                .fhir([
                    ("use", "usual"),
                    ("type", FHIRNamingSystem.identifierType("MR", "Medical record number")),
                    ("system", .string(FHIRNamingSystem.hospitalNumber(number.issuingAuthority))),
                    ("value", .string(number.value)),
                    ("assigner", organisation(number.issuingAuthority)),
                ]))
        }
        return .fhir([
            ("resourceType", "Patient"),
            ("id", .string(patient.id.uuidString)),
            ("meta", .fhir([("lastUpdated", .instant(patient.updatedAt))])),
            ("identifier", .array(identifiers)),
            ("active", .bool(patient.mergedInto == nil)),
            ("name", .array([name(patient.name, use: "official")])),
            ("gender", .string(gender(patient.sex))),
            ("birthDate", patient.dateOfBirth.map { .string($0.iso) }),
            ("address", patient.address.flatMap(address).map { .array([$0]) }),
            ("generalPractitioner", patient.gpPracticeCode.map { .array([organisation($0)]) }),
            (
                "link",
                patient.mergedInto.map { survivor in
                    .array([
                        .fhir([
                            ("other", .fhir([("reference", .string("Patient/\(survivor.uuidString)"))])),
                            ("type", "replaced-by"),
                        ])
                    ])
                }
            ),
        ])
    }

    /// AdministrativeGender (FHIR R4 valueset administrative-gender).
    public static func gender(_ sex: AdministrativeSex) -> String {
        switch sex {
        case .female: "female"
        case .male: "male"
        case .other: "other"
        case .unknown: "unknown"
        }
    }

    static func name(_ name: PersonName, use: String? = nil) -> JSONValue {
        .fhir([
            ("use", use.map { .string($0) }),
            ("text", .string(name.display)),
            ("family", .string(name.family)),
            ("given", .array(name.given.filter { !$0.isEmpty }.map { .string($0) })),
            ("prefix", name.prefix.flatMap { $0.isEmpty ? nil : .array([.string($0)]) }),
        ])
    }

    static func address(_ address: PostalAddress) -> JSONValue? {
        guard !address.isEmpty else { return nil }
        return .fhir([
            ("line", .array(address.lines.filter { !$0.isEmpty }.map { .string($0) })),
            ("postalCode", address.postcode.map { .string($0) }),
        ])
    }

    static func organisation(_ odsCode: String) -> JSONValue {
        .fhir([
            ("type", "Organization"),
            (
                "identifier",
                .fhir([("system", .string(FHIRNamingSystem.odsOrganisationCode)), ("value", .string(odsCode))])
            ),
            ("display", .string(odsCode)),
        ])
    }

    /// Whether some part of the name (family or a given name) starts with `text`, ignoring case and
    /// accents (FHIR R4 §3.1.1.4.7 string matching); `exact` compares whole parts.
    static func nameMatches(_ name: PersonName, _ text: String, parts: NameParts, exact: Bool) -> Bool {
        var candidates: [String] = []
        if parts != .given { candidates.append(name.family) }
        if parts != .family { candidates += name.given }
        if exact { return candidates.contains(text) }
        let wanted = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return candidates.contains {
            $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).hasPrefix(wanted)
        }
    }

    enum NameParts { case family, given, any }
}
