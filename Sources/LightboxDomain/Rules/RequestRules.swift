import Foundation

/// The checks a request must pass (DOMAIN.md "A request"). Collects every problem so a refused
/// request names all missing items at once.
struct RequestRules {
    let configuration: DepartmentConfiguration

    /// Problems with the identifiers: too few of them, or an invalid NHS number.
    func identifierProblems(_ identifiers: RequestIdentifiers) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let present = identifiers.present
        let needed = configuration.minimumPatientIdentifiers
        if present.count < needed {
            for kind in PatientIdentifierKind.allCases where !present.contains(kind) {
                problems.append(
                    FieldProblem(
                        "identifiers.\(kind.rawValue)",
                        "not given: at least \(needed) of name, date of birth, NHS number, hospital number and "
                            + "address are needed (\(present.count) given; location does not count)",
                        code: .requestMissingIdentifiers))
            }
        }
        if let text = identifiers.nhsNumber, !text.trimmed.isEmpty {
            do { _ = try NHSNumber(text) } catch {
                problems.append(
                    FieldProblem(
                        "identifiers.nhsNumber", error.fields.first?.problem ?? error.message, code: .invalidNHSNumber))
            }
        }
        return problems
    }

    /// Problems where a given identifier disagrees with the registered patient.
    func mismatches(_ identifiers: RequestIdentifiers, _ patient: Patient) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let message = "does not match the registered patient's record"
        if let name = identifiers.name, !name.isEmpty, !name.matches(patient.name) {
            problems.append(FieldProblem("identifiers.name", message))
        }
        if let dob = identifiers.dateOfBirth, dob != patient.dateOfBirth {
            problems.append(FieldProblem("identifiers.dateOfBirth", message))
        }
        if let text = identifiers.nhsNumber, let number = try? NHSNumber(text), number != patient.nhsNumber {
            problems.append(FieldProblem("identifiers.nhsNumber", message))
        }
        if let hospitalNumber = identifiers.hospitalNumber, !hospitalNumber.value.trimmed.isEmpty,
            !patient.hospitalNumbers.contains(hospitalNumber)
        {
            problems.append(FieldProblem("identifiers.hospitalNumber", message))
        }
        if let address = identifiers.address, !address.isEmpty, !(patient.address.map(address.matches) ?? false) {
            problems.append(FieldProblem("identifiers.address", message))
        }
        return problems
    }

    /// Problems with a research request: it needs the ethics approval and the dose constraint.
    func researchProblems(_ research: ResearchDetails?) -> [FieldProblem] {
        guard let research else { return [] }
        var problems: [FieldProblem] = []
        if (research.ethicsReference ?? "").trimmed.isEmpty {
            problems.append(
                FieldProblem("research.ethicsReference", "a research exposure needs the ethics approval reference"))
        }
        if (research.doseConstraintMilliSievert ?? 0) <= 0 {
            problems.append(
                FieldProblem(
                    "research.doseConstraintMilliSievert",
                    "a research exposure needs the protocol's dose constraint (mSv)"))
        }
        return problems
    }

    /// Problems with the referrer: missing, unknown, inactive, or outside their referral scope.
    func referrerProblems(_ referrer: Referrer?, id: UUID?, entry: CatalogueEntry?, at moment: Date) -> [FieldProblem] {
        guard id != nil else {
            return [FieldProblem("referrerID", "the referrer must be identified")]
        }
        guard let referrer else {
            return [FieldProblem("referrerID", "is not a known referrer")]
        }
        let name = referrer.name.display
        if !referrer.active {
            return [FieldProblem("referrerID", "\(name) is not an active referrer", code: .referrerOutOfScope)]
        }
        if let expires = referrer.scopeExpires, expires <= moment {
            return [FieldProblem("referrerID", "\(name)'s referral scope has expired", code: .referrerOutOfScope)]
        }
        if let entry, !referrer.scope.covers(entry) {
            return [
                FieldProblem(
                    "referrerID", "\(name)'s referral scope does not cover \(entry.name)", code: .referrerOutOfScope)
            ]
        }
        return []
    }
}
