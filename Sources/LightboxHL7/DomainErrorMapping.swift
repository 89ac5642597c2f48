import HL7
import LightboxDomain

/// Maps a refused use case to ERR segments: each field the domain names becomes an ERR at the place in the
/// message it was read from (HL7 v2.5.1 §2.15.5 ERR-2), with a table 0357 condition and the domain's code.
enum DomainErrorMapping {
    /// Where each domain field comes from in an inbound message, by prefix of the domain's field path.
    static let locations: [(prefix: String, segment: String, field: Int)] = [
        ("identifiers.name", "PID", 5), ("identifiers.dateOfBirth", "PID", 7), ("identifiers.nhsNumber", "PID", 3),
        ("identifiers.hospitalNumber", "PID", 3), ("identifiers.address", "PID", 11), ("patientID", "PID", 3),
        ("examCode", "OBR", 4), ("laterality", "OBR", 46), ("clinicalQuestion", "OBR", 31), ("referrerID", "ORC", 12),
        ("priority", "ORC", 7), ("pregnancyStatus", "OBX", 5), ("placerOrderNumber", "ORC", 2), ("research", "OBR", 4),
        ("reason", "ORC", 16), ("name", "PID", 5), ("nhsNumber", "PID", 3), ("dateOfBirth", "PID", 7),
        ("hospitalNumbers", "PID", 3), ("current", "MRG", 1), ("replacement", "PID", 3), ("mergedID", "MRG", 1),
        ("survivorID", "PID", 3), ("additionalInformation", "OBR", 31),
    ]

    static func location(of field: String) -> ErrorLocation? {
        for entry in locations
        where field == entry.prefix || field.hasPrefix(entry.prefix + ".")
            || field.hasPrefix(entry.prefix + "[")
        {
            return ErrorLocation(segmentID: entry.segment, field: entry.field)
        }
        return nil
    }

    static func refusal(_ error: DomainError) -> HL7Refusal {
        let problems = error.fields.isEmpty ? [FieldProblem("", error.message)] : error.fields
        let errors = problems.map { problem -> AcknowledgmentError in
            let location = location(of: problem.field)
            let code = problem.code ?? error.code
            let where_ = location.map { "\($0.segmentID)-\($0.field ?? 0)" }
            let text = [where_, problem.field.isEmpty ? nil : "\(problem.field):", problem.problem]
                .compactMap { $0 }.joined(separator: " ")
            return AcknowledgmentError(
                condition: condition(code, problem), location: location, applicationErrorCode: code.rawValue,
                diagnosticInformation: text, userMessage: text)
        }
        return HL7Refusal(.AE, error.message, errors: errors)
    }

    static func condition(_ code: DomainError.Code, _ problem: FieldProblem) -> HL7ErrorCondition {
        switch code {
        case .requestMissingIdentifiers: return .requiredFieldMissing
        case .duplicate: return .duplicateKeyIdentifier
        case .notFound: return .unknownKeyIdentifier
        case .invalidNHSNumber: return .dataTypeError
        case .unknownExam: return .tableValueNotFound
        default:
            let text = problem.problem
            if text.hasPrefix("not given") || text.hasPrefix("say ") || text.contains("is needed")
                || text.contains("must be identified")
            {
                return .requiredFieldMissing
            }
            if text.contains("no known referrer") || text.contains("is not a known") || text.contains("no registered") {
                return .unknownKeyIdentifier
            }
            return .applicationInternalError
        }
    }
}
