import Foundation
import Hummingbird
import LightboxDomain

/// A FHIR R4 OperationOutcome (§2.36 "OperationOutcome"): the error body of every `/fhir`
/// response that is not a success, with one issue per problem and, where a problem is about one
/// element, a FHIRPath `expression` naming it.
public struct OperationOutcome: Error, Sendable, Equatable {
    /// One issue (OperationOutcome.issue).
    public struct Issue: Sendable, Equatable {
        /// IssueSeverity: fatal | error | warning | information.
        public var severity: String
        /// IssueType (FHIR R4 valueset issue-type): required, invalid, not-found, forbidden, login…
        public var code: String
        /// Lightbox's stable problem code (as in problem+json `type`), in `details.coding`.
        public var problemCode: String?
        /// Human-readable text.
        public var diagnostics: String
        /// FHIRPath expressions of the elements concerned.
        public var expression: [String]

        public init(
            severity: String = "error", code: String, problemCode: String? = nil, diagnostics: String,
            expression: [String] = []
        ) {
            self.severity = severity
            self.code = code
            self.problemCode = problemCode
            self.diagnostics = diagnostics
            self.expression = expression
        }

        var json: JSONValue {
            .fhir([
                ("severity", .string(severity)),
                ("code", .string(code)),
                (
                    "details",
                    problemCode.map { code in
                        .fhir([
                            (
                                "coding",
                                .array([
                                    .fhir([
                                        ("system", .string(FHIRNamingSystem.problemCodes)), ("code", .string(code)),
                                    ])
                                ])
                            )
                        ])
                    }
                ),
                ("diagnostics", .string(diagnostics)),
                ("expression", .array(expression.map { .string($0) })),
            ])
        }
    }

    public var status: HTTPResponse.Status
    public var issues: [Issue]
    /// Extra headers (`WWW-Authenticate` on 401).
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, issues: [Issue], headers: HTTPFields = [:]) {
        self.status = status
        self.issues = issues
        self.headers = headers
    }

    /// One issue.
    public init(
        _ status: HTTPResponse.Status, code: String, problemCode: String? = nil, _ diagnostics: String,
        expression: [String] = []
    ) {
        self.init(
            status: status,
            issues: [Issue(code: code, problemCode: problemCode, diagnostics: diagnostics, expression: expression)])
    }

    /// The resource.
    public var json: JSONValue {
        .fhir([
            ("resourceType", "OperationOutcome"),
            ("issue", .array(issues.map(\.json))),
        ])
    }

    /// An API problem in FHIR's terms: the same status, the problem code in `details`, one issue
    /// per field (the field as the JSON API names it) or one for the whole problem.
    public init(_ problem: Problem) {
        let code = Self.issueType(for: problem.status)
        var issues: [Issue] = []
        if problem.errors.isEmpty {
            issues = [Issue(code: code, problemCode: problem.code, diagnostics: "\(problem.title): \(problem.detail)")]
        } else {
            issues = problem.errors.map {
                Issue(
                    code: Self.issueType(forFieldProblem: $0.problem, fallback: code), problemCode: problem.code,
                    diagnostics: "\($0.field) \($0.problem)", expression: [$0.field])
            }
        }
        self.init(status: problem.status, issues: issues, headers: problem.headers)
    }

    /// A domain refusal with each field problem mapped to the FHIR element it came from.
    init(_ error: DomainError, expression: (String) -> String) {
        let problem = Problem(error)
        let general = Self.issueType(for: problem.status)
        if error.fields.isEmpty {
            self.init(problem.status, code: general, problemCode: error.code.rawValue, error.message)
            return
        }
        let issues = error.fields.map { field in
            let code = field.code ?? error.code
            return Issue(
                code: Self.issueType(forDomainCode: code, problem: field.problem, fallback: general),
                problemCode: code.rawValue, diagnostics: "\(field.field): \(field.problem)",
                expression: [expression(field.field)])
        }
        self.init(status: problem.status, issues: issues)
    }

    /// IssueType for an HTTP status (FHIR R4 §3.1.0.4 "HTTP Status Codes" and the issue-type valueset).
    static func issueType(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "login"
        case 403: "forbidden"
        case 404: "not-found"
        case 406, 415: "not-supported"
        case 409: "conflict"
        case 413: "too-costly"
        case 422: "processing"
        case 400..<500: "invalid"
        default: "exception"
        }
    }

    static func issueType(forDomainCode code: DomainError.Code, problem: String, fallback: String) -> String {
        switch code {
        case .requestMissingIdentifiers: return "required"
        case .duplicate: return "duplicate"
        case .unknownExam: return "code-invalid"
        case .invalidNHSNumber: return "value"
        case .referrerOutOfScope, .patientMerged: return "business-rule"
        default: return issueType(forFieldProblem: problem, fallback: fallback)
        }
    }

    static func issueType(forFieldProblem problem: String, fallback: String) -> String {
        let lowered = problem.lowercased()
        if lowered.hasPrefix("say ") || lowered.contains("is required") || lowered.contains("is needed")
            || lowered.contains("must be identified") || lowered.contains("not given") || lowered.hasPrefix("needed")
            || lowered.contains("needs")
        {
            return "required"
        }
        return fallback == "processing" ? "invalid" : fallback
    }
}
