import Foundation
import LightboxDomain

/// The identifier systems and code systems Lightbox's FHIR resources use (FHIR R4 §2.14
/// "Identifier" and §4.1 "Using Codes"). National systems are the NHS's own; systems for
/// Lightbox's local identifiers live under the server's base so they never collide with a
/// trust's own namespaces.
public enum FHIRNamingSystem {
    /// NHS number (NHS England's NamingSystem).
    public static let nhsNumber = "https://fhir.nhs.uk/Id/nhs-number"
    /// ODS organisation code (issuing authority of a hospital number, GP practice).
    public static let odsOrganisationCode = "https://fhir.nhs.uk/Id/ods-organization-code"
    /// Prefix of a hospital number's system; the issuing authority's ODS code follows.
    public static let hospitalNumberBase = "https://lightbox.example/fhir/Id/hospital-number/"
    /// The department's accession numbers.
    public static let accessionNumber = "https://lightbox.example/fhir/Id/accession-number"
    /// The ordering system's placer order numbers (HL7 v2 ORC-2), as received.
    public static let placerOrderNumber = "https://lightbox.example/fhir/Id/placer-order-number"
    /// Filler order numbers quoted by the ordering system (HL7 v2 ORC-3).
    public static let fillerOrderNumber = "https://lightbox.example/fhir/Id/filler-order-number"
    /// Lightbox's referrer records (identifier value: the referrer's id).
    public static let referrer = "https://lightbox.example/fhir/Id/referrer"
    /// A referrer's professional registration number (GMC, NMC, HCPC, GDC…).
    public static let professionalRegistration = "https://lightbox.example/fhir/Id/professional-registration"
    /// Lightbox's staff records (identifier value: the staff member's id).
    public static let staff = "https://lightbox.example/fhir/Id/staff"
    /// Lightbox's rooms (identifier value: the room's id).
    public static let room = "https://lightbox.example/fhir/Id/room"
    /// DICOM UIDs as identifiers (FHIR R4 ImagingStudy.identifier: `urn:oid:` values).
    public static let dicomUID = "urn:dicom:uid"
    /// The department's exam catalogue codes (NICIP-style).
    public static let examCatalogue = "https://lightbox.example/fhir/CodeSystem/exam-catalogue"
    /// SNOMED CT.
    public static let snomedCT = "http://snomed.info/sct"
    /// DICOM controlled terminology (PS3.16), for modality codes.
    public static let dicomDCM = "http://dicom.nema.org/resources/ontology/DCM"
    /// HL7 v2 table 0203 identifier types (MR, ACSN, PLAC, FILL).
    public static let identifierType = "http://terminology.hl7.org/CodeSystem/v2-0203"
    /// HL7 v2 table 0074 diagnostic service sections (RAD).
    public static let diagnosticServiceSection = "http://terminology.hl7.org/CodeSystem/v2-0074"
    /// Base of Lightbox's own extensions.
    public static let extensionBase = "https://lightbox.example/fhir/StructureDefinition/"
    /// Issue details codes of an OperationOutcome: the Lightbox problem code (as in problem+json `type`).
    public static let problemCodes = "https://lightbox.example/problems"

    /// The system of a hospital number issued by `authority`.
    public static func hospitalNumber(_ authority: String) -> String {
        hospitalNumberBase + authority
    }

    /// The issuing authority named by a hospital-number system, nil for other systems.
    public static func hospitalNumberAuthority(_ system: String) -> String? {
        guard system.hasPrefix(hospitalNumberBase) else { return nil }
        let authority = String(system.dropFirst(hospitalNumberBase.count))
        return authority.isEmpty ? nil : authority
    }

    /// The system and `type` code of an identifier type (HL7 v2 table 0203).
    static func identifierType(_ code: String, _ display: String) -> JSONValue {
        .fhir([
            (
                "coding",
                .array([
                    .fhir([("system", .string(identifierType)), ("code", .string(code)), ("display", .string(display))])
                ])
            )
        ])
    }
}
