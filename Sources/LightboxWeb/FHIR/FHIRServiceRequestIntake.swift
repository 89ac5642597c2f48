import Foundation
import LightboxDomain

/// Reads a ServiceRequest a client POSTs into the request-intake command, the same `CreateRequest`
/// the JSON API and HL7 orders run, and names each refused item by its FHIR element.
///
/// Where things go:
/// - the patient: `subject` as `Patient/{id}`, or as `#id` pointing at a `contained` Patient that
///   carries the identifiers written on the request (name, birthDate, NHS number and hospital
///   number identifiers, address); a `subject.identifier` (NHS number or hospital number) counts too;
/// - the exam: `code.coding` with the catalogue system (or the first coding's code); side: `bodySite`
///   with a SNOMED CT laterality code or the text left/right/bilateral;
/// - the referrer: `requester` as `Practitioner/{referrer id}`, or an identifier (Lightbox referrer id
///   or professional registration number);
/// - the clinical question: `reasonCode[0].text`; priority: `priority` or the priority extension;
///   placer and filler order numbers: `identifier` typed PLAC / FILL; pregnancy status and patient
///   source: extensions; the patient's location: `locationCode[0].text`.
public struct FHIRServiceRequestIntake: Sendable {
    public var command: CreateRequest.Command

    /// Parses the body; throws 400 OperationOutcome for a body that is not a ServiceRequest.
    public init(_ resource: JSONValue) throws(OperationOutcome) {
        guard resource.isObject else {
            throw Self.structure("The body must be a JSON object (a FHIR ServiceRequest).", "ServiceRequest")
        }
        guard resource["resourceType"]?.stringValue == "ServiceRequest" else {
            throw Self.structure(
                "resourceType must be ServiceRequest (got \(resource["resourceType"]?.stringValue ?? "none")).",
                "ServiceRequest.resourceType")
        }
        var issues: [OperationOutcome.Issue] = []
        if let status = resource["status"]?.stringValue {
            if status != "active" {
                issues.append(
                    .init(
                        code: "value", problemCode: "fhir.invalid-resource",
                        diagnostics: "A new request is created with status 'active' (got '\(status)').",
                        expression: ["ServiceRequest.status"]))
            }
        } else {
            issues.append(
                .init(
                    code: "required", problemCode: "fhir.invalid-resource",
                    diagnostics: "status is required (1..1): send 'active'.", expression: ["ServiceRequest.status"]))
        }
        if let intent = resource["intent"]?.stringValue {
            if intent != "order" && intent != "original-order" {
                issues.append(
                    .init(
                        code: "value", problemCode: "fhir.invalid-resource",
                        diagnostics:
                            "Lightbox takes orders: intent must be 'order' or 'original-order' (got '\(intent)').",
                        expression: ["ServiceRequest.intent"]))
            }
        } else {
            issues.append(
                .init(
                    code: "required", problemCode: "fhir.invalid-resource",
                    diagnostics: "intent is required (1..1): send 'order'.", expression: ["ServiceRequest.intent"]))
        }

        var identifiers = RequestIdentifiers()
        var patientID: UUID?
        let subject = resource["subject"]
        if let reference = subject?["reference"]?.stringValue {
            if reference.hasPrefix("#") {
                let localID = String(reference.dropFirst())
                let contained = resource["contained"]?.arrayValue.first {
                    $0["resourceType"]?.stringValue == "Patient" && $0["id"]?.stringValue == localID
                }
                if let contained {
                    identifiers = Self.identifiers(of: contained)
                    if let birthDate = contained["birthDate"]?.stringValue, identifiers.dateOfBirth == nil {
                        issues.append(
                            .init(
                                code: "value", problemCode: "fhir.invalid-resource",
                                diagnostics: "birthDate '\(birthDate)' is not a date (YYYY-MM-DD).",
                                expression: ["ServiceRequest.contained.ofType(Patient).birthDate"]))
                    }
                } else {
                    issues.append(
                        .init(
                            code: "invalid", problemCode: "fhir.invalid-resource",
                            diagnostics: "subject points at \(reference), which is not a contained Patient.",
                            expression: ["ServiceRequest.subject"]))
                }
            } else if let id = Self.logicalID(reference, type: "Patient") {
                patientID = id
            } else {
                issues.append(
                    .init(
                        code: "invalid", problemCode: "fhir.invalid-resource",
                        diagnostics:
                            "subject must be Patient/{id} or a #reference to a contained Patient (got '\(reference)').",
                        expression: ["ServiceRequest.subject"]))
            }
        }
        if let identifier = subject?["identifier"] {
            Self.apply(identifier, to: &identifiers)
        }

        var examCode: String?
        let codings = resource["code"]?["coding"]?.arrayValue ?? []
        if let ours = codings.first(where: { $0["system"]?.stringValue == FHIRNamingSystem.examCatalogue }) {
            examCode = ours["code"]?.stringValue
        } else {
            examCode = codings.first?["code"]?.stringValue
        }

        var laterality: Laterality?
        for site in resource["bodySite"]?.arrayValue ?? [] {
            for coding in site["coding"]?.arrayValue ?? []
            where coding["system"]?.stringValue == FHIRNamingSystem.snomedCT {
                if let found = FHIRServiceRequest.lateralityCodes.first(where: { $0.1 == coding["code"]?.stringValue })
                {
                    laterality = found.0
                }
            }
            if laterality == nil, let text = site["text"]?.stringValue?.lowercased() {
                laterality = Laterality(rawValue: text)
            }
        }

        var referrerID: UUID?
        var registration: String?
        if let requester = resource["requester"] {
            if let reference = requester["reference"]?.stringValue {
                referrerID = Self.logicalID(reference, type: "Practitioner")
                if referrerID == nil {
                    issues.append(
                        .init(
                            code: "invalid", problemCode: "fhir.invalid-resource",
                            diagnostics: "requester must be Practitioner/{referrer id} (got '\(reference)').",
                            expression: ["ServiceRequest.requester"]))
                }
            } else if let identifier = requester["identifier"], let value = identifier["value"]?.stringValue {
                if identifier["system"]?.stringValue == FHIRNamingSystem.referrer {
                    referrerID = UUID(uuidString: value)
                } else {
                    registration = value
                }
            }
        }

        var priority: Priority?
        var pregnancy: PregnancyAnswer?
        var source: PatientSource?
        for ext in resource["extension"]?.arrayValue ?? [] {
            let code = ext["valueCode"]?.stringValue ?? ""
            switch ext["url"]?.stringValue {
            case FHIRServiceRequest.priorityExtension:
                priority = Priority(rawValue: code)
                if priority == nil { issues.append(Self.badCode(code, Priority.allCases.map(\.rawValue), "priority")) }
            case FHIRServiceRequest.pregnancyExtension:
                pregnancy = PregnancyAnswer(rawValue: code)
                if pregnancy == nil {
                    issues.append(Self.badCode(code, PregnancyAnswer.allCases.map(\.rawValue), "pregnancy-status"))
                }
            case FHIRServiceRequest.patientSourceExtension:
                source = PatientSource(rawValue: code)
                if source == nil {
                    issues.append(Self.badCode(code, PatientSource.allCases.map(\.rawValue), "patient-source"))
                }
            default: break
            }
        }
        if priority == nil, let code = resource["priority"]?.stringValue {
            priority = FHIRServiceRequest.priority(fhir: code)
            if priority == nil {
                issues.append(
                    .init(
                        code: "code-invalid", problemCode: "fhir.invalid-resource",
                        diagnostics: "priority must be routine, urgent, asap or stat (got '\(code)').",
                        expression: ["ServiceRequest.priority"]))
            }
        }

        var placer: String?
        var filler: String?
        for identifier in resource["identifier"]?.arrayValue ?? [] {
            let type = identifier["type"]?["coding"]?.arrayValue.first?["code"]?.stringValue
            let system = identifier["system"]?.stringValue
            if type == "PLAC" || system == FHIRNamingSystem.placerOrderNumber {
                placer = identifier["value"]?.stringValue
            } else if type == "FILL" || system == FHIRNamingSystem.fillerOrderNumber {
                filler = identifier["value"]?.stringValue
            }
        }
        if !issues.isEmpty { throw OperationOutcome(status: .badRequest, issues: issues) }

        command = CreateRequest.Command(
            patientID: patientID, identifiers: identifiers, examCode: examCode, laterality: laterality,
            clinicalQuestion: resource["reasonCode"]?.arrayValue.first?["text"]?.stringValue,
            referrerID: referrerID, priority: priority, patientSource: source,
            location: resource["locationCode"]?.arrayValue.first?["text"]?.stringValue, pregnancyStatus: pregnancy,
            referrerRegistrationNumber: registration, placerOrderNumber: placer, fillerOrderNumber: filler)
    }

    /// The FHIRPath of the element a request-intake field comes from.
    public static func expression(for field: String) -> String {
        let patient = "ServiceRequest.contained.ofType(Patient)"
        switch field {
        case "patientID": return "ServiceRequest.subject"
        case "identifiers.name": return "\(patient).name"
        case "identifiers.dateOfBirth": return "\(patient).birthDate"
        case "identifiers.nhsNumber": return "\(patient).identifier.where(system='\(FHIRNamingSystem.nhsNumber)')"
        case "identifiers.hospitalNumber": return "\(patient).identifier.where(type.coding.code='MR')"
        case "identifiers.address": return "\(patient).address"
        case "examCode": return "ServiceRequest.code"
        case "laterality": return "ServiceRequest.bodySite"
        case "clinicalQuestion": return "ServiceRequest.reasonCode"
        case "referrerID": return "ServiceRequest.requester"
        case "priority": return "ServiceRequest.priority"
        case "placerOrderNumber": return "ServiceRequest.identifier.where(type.coding.code='PLAC')"
        case "pregnancyStatus": return "ServiceRequest.extension('\(FHIRServiceRequest.pregnancyExtension)')"
        default: return "ServiceRequest"
        }
    }

    static func identifiers(of patient: JSONValue) -> RequestIdentifiers {
        var identifiers = RequestIdentifiers()
        if let name = patient["name"]?.arrayValue.first {
            let family = name["family"]?.stringValue ?? ""
            let given = name["given"]?.arrayValue.compactMap(\.stringValue) ?? []
            if !family.isEmpty || !given.isEmpty { identifiers.name = PersonName(family: family, given: given) }
        }
        if let birthDate = patient["birthDate"]?.stringValue {
            identifiers.dateOfBirth = try? CalendarDate(iso: birthDate)
        }
        for identifier in patient["identifier"]?.arrayValue ?? [] { apply(identifier, to: &identifiers) }
        if let address = patient["address"]?.arrayValue.first {
            let lines = address["line"]?.arrayValue.compactMap(\.stringValue) ?? []
            let postcode = address["postalCode"]?.stringValue
            if !lines.isEmpty || postcode != nil {
                identifiers.address = PostalAddress(lines: lines, postcode: postcode)
            }
        }
        return identifiers
    }

    static func apply(_ identifier: JSONValue, to identifiers: inout RequestIdentifiers) {
        guard let value = identifier["value"]?.stringValue, let system = identifier["system"]?.stringValue else {
            return
        }
        if system == FHIRNamingSystem.nhsNumber {
            identifiers.nhsNumber = value
        } else if let authority = FHIRNamingSystem.hospitalNumberAuthority(system)
            ?? identifier["assigner"]?["identifier"]?["value"]?.stringValue
        {
            identifiers.hospitalNumber = HospitalNumber(value: value, issuingAuthority: authority)
        }
    }

    /// The id of `Type/id` (relative, or absolute ending so) when it is a UUID.
    static func logicalID(_ reference: String, type: String) -> UUID? {
        let parts = reference.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2] == Substring(type) else { return nil }
        return UUID(uuidString: String(parts[parts.count - 1]))
    }

    static func badCode(_ code: String, _ allowed: [String], _ name: String) -> OperationOutcome.Issue {
        .init(
            code: "code-invalid", problemCode: "fhir.invalid-resource",
            diagnostics: "'\(code)' is not one of \(allowed.joined(separator: ", ")).",
            expression: ["ServiceRequest.extension('\(FHIRNamingSystem.extensionBase)\(name)')"])
    }

    static func structure(_ text: String, _ expression: String) -> OperationOutcome {
        OperationOutcome(
            .badRequest, code: "structure", problemCode: "fhir.invalid-resource", text, expression: [expression])
    }
}
