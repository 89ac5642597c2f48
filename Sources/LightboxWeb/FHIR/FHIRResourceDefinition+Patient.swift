import Foundation
import LightboxDomain

extension FHIRResourceDefinition {
    /// Patient: read (audited as a patient read) and search (audited as a patient search, as the
    /// JSON API's). A search needs something the patient index can find by: an identifier, a
    /// family name (or `name`), a whole birth date, or `_id`; `given` and ranges of birth dates
    /// narrow such a search.
    static var patient: FHIRResourceDefinition {
        FHIRResourceDefinition(
            type: "Patient",
            documentation: "Patients registered in the department (identifiers with the NHS number system "
                + "\(FHIRNamingSystem.nhsNumber) and hospital numbers under \(FHIRNamingSystem.hospitalNumberBase)"
                + "{ODS code of the issuing authority}). Needs the viewPatient permission.",
            permission: .viewPatient,
            searchParameters: [
                .id,
                FHIRSearchParameter(
                    "identifier", .token, definition: FHIRSearchParameter.base("Patient", "identifier"),
                    "NHS number (\(FHIRNamingSystem.nhsNumber)|9434765919) or hospital number "
                        + "(\(FHIRNamingSystem.hospitalNumberBase)RVJ|RVJ12345); a bare value matches either"),
                FHIRSearchParameter(
                    "family", .string, modifiers: ["exact"],
                    definition: FHIRSearchParameter.base("individual", "family"),
                    "Start of the family name, ignoring case and accents (:exact for the whole name)"),
                FHIRSearchParameter(
                    "given", .string, modifiers: ["exact"], definition: FHIRSearchParameter.base("individual", "given"),
                    "Start of a given name; narrows a search by identifier, family, name or birthdate"),
                FHIRSearchParameter(
                    "name", .string, modifiers: ["exact"], definition: FHIRSearchParameter.base("Patient", "name"),
                    "Start of any part of the name; on its own it is looked up in the family-name index, so a "
                        + "given name is matched only alongside identifier, family or birthdate"),
                FHIRSearchParameter(
                    "birthdate", .date, repeatable: true,
                    definition: FHIRSearchParameter.base("individual", "birthdate"),
                    "Birth date with prefixes eq (default), ne, gt, lt, ge, le, sa, eb; YYYY, YYYY-MM or YYYY-MM-DD. "
                        + "A whole day with eq finds patients on its own; other forms narrow another parameter"),
            ],
            read: { request, id in
                do {
                    return FHIRPatient.resource(
                        try await request.department.viewPatientRecord(
                            ViewPatientRecord.Command(patientID: id), by: request.actor
                        ).value.patient)
                } catch let error as DomainError where error.code == .notFound {
                    return nil
                }
            },
            search: { request, parameters in
                try await searchPatients(request, parameters).map(FHIRPatient.resource)
            })
    }

    static func searchPatients(_ request: FHIRRequest, _ parameters: FHIRSearchParameters) async throws -> [Patient] {
        var queries: [PatientQuery] = []
        var found: [Patient]?
        var filters: [(Patient) -> Bool] = []
        var anchor = PatientQuery(limit: SearchPatients.maximumLimit)

        if let value = parameters.one("_id") {
            var patients: [Patient] = []
            for text in value.alternatives {
                guard let id = UUID(uuidString: text) else { continue }
                do {
                    patients.append(
                        try await request.department.viewPatientRecord(.init(patientID: id), by: request.actor).value
                            .patient)
                } catch let error as DomainError where error.code == .notFound {}
            }
            found = patients
        }

        var identifierChoices: [PatientQuery] = []
        if let value = parameters.one("identifier") {
            let token = FHIRToken(value.text)
            filters.append { patient in
                FHIRResourceDefinition.identifiers(of: patient).contains { token.matches(system: $0.0, code: $0.1) }
            }
            switch token.system {
            case .named(let system) where system == FHIRNamingSystem.nhsNumber && !token.code.isEmpty:
                do {
                    anchor.nhsNumber = try NHSNumber(token.code)
                } catch {
                    throw OperationOutcome(
                        .badRequest, code: "value", problemCode: DomainError.Code.invalidNHSNumber.rawValue,
                        "identifier: \(error.fields.first?.problem ?? error.message)", expression: ["identifier"])
                }
            case .named(let system)
            where FHIRNamingSystem.hospitalNumberAuthority(system) != nil && !token.code.isEmpty:
                anchor.hospitalNumber = token.code
            case .any:
                var choices: [PatientQuery] = []
                if let number = try? NHSNumber(token.code) {
                    var query = anchor
                    query.nhsNumber = number
                    choices.append(query)
                }
                var query = anchor
                query.hospitalNumber = token.code
                choices.append(query)
                identifierChoices = choices
            default:
                // `|value`, `system|` or a system Lightbox does not issue: no patient can match
                // (Lightbox's identifiers always carry one of its systems).
                if case .named(let system) = token.system, token.code.isEmpty,
                    system == FHIRNamingSystem.nhsNumber || FHIRNamingSystem.hospitalNumberAuthority(system) != nil
                {
                    break
                }
                return []
            }
        }
        for (name, parts) in [("family", FHIRPatient.NameParts.family), ("name", .any), ("given", .given)] {
            guard let value = parameters.one(name) else { continue }
            let text = value.text
            let exact = value.modifier == "exact"
            filters.append { FHIRPatient.nameMatches($0.name, text, parts: parts, exact: exact) }
            if parts == .family { anchor.familyName = text }
        }
        let timeZone = request.timeZone
        for date in try dates("birthdate", parameters, request) {
            filters.append { patient in patient.dateOfBirth.map { date.matches($0, timeZone: timeZone) } ?? false }
            if let day = date.exactDay, anchor.dateOfBirth == nil { anchor.dateOfBirth = day }
        }

        // `name` is looked up in the family-name index only when nothing else can find the patients:
        // otherwise it narrows in memory and matches given names too.
        if let name = parameters.one("name"), anchor.nhsNumber == nil, anchor.hospitalNumber == nil,
            anchor.familyName == nil, anchor.dateOfBirth == nil, identifierChoices.isEmpty
        {
            anchor.familyName = name.text
        }
        let anchored =
            anchor.nhsNumber != nil || anchor.hospitalNumber != nil || anchor.familyName != nil
            || anchor.dateOfBirth != nil
        if !identifierChoices.isEmpty {
            queries = identifierChoices.map { choice in
                var query = anchor
                query.nhsNumber = choice.nhsNumber
                query.hospitalNumber = choice.hospitalNumber
                return query
            }
        } else if anchored {
            queries = [anchor]
        }
        if let found { return found.filter { patient in filters.allSatisfy { $0(patient) } } }
        if queries.isEmpty {
            throw OperationOutcome(
                .badRequest, code: "too-costly", problemCode: "fhir.search-too-broad",
                "Search patients by identifier, family, name, a whole birthdate (YYYY-MM-DD) or _id; "
                    + "given names and birth date ranges narrow such a search.")
        }
        var matches: [Patient] = []
        var seen = Set<UUID>()
        for query in queries {
            let patients = try await request.department.searchPatients(query, by: request.actor).value
            if patients.count >= SearchPatients.maximumLimit {
                throw OperationOutcome(
                    .badRequest, code: "too-costly", problemCode: "fhir.search-too-broad",
                    "More than \(SearchPatients.maximumLimit) patients match; narrow the search.")
            }
            for patient in patients where seen.insert(patient.id).inserted { matches.append(patient) }
        }
        return matches.filter { patient in filters.allSatisfy { $0(patient) } }
    }

    /// A patient's identifiers as (system, value).
    static func identifiers(of patient: Patient) -> [(String?, String)] {
        var all: [(String?, String)] = []
        if let nhs = patient.nhsNumber { all.append((FHIRNamingSystem.nhsNumber, nhs.digits)) }
        for number in patient.hospitalNumbers {
            all.append((FHIRNamingSystem.hospitalNumber(number.issuingAuthority), number.value))
        }
        return all
    }
}
