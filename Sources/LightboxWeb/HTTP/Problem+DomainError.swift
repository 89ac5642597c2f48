import Foundation
import Hummingbird
import LightboxDomain

extension Problem {
    /// Maps a domain refusal to problem+json: validation → 422 listing every field, not found → 404,
    /// permission and entitlement → 403, wrong state → 409. `type` ends in the domain's stable code.
    public init(_ error: DomainError) {
        let status: HTTPResponse.Status
        let title: String
        switch error.kind {
        case .validation:
            status = .unprocessableContent
            title = "The request is incomplete or wrong"
        case .notFound:
            status = .notFound
            title = "Not found"
        case .forbidden:
            status = .forbidden
            title = "Not allowed"
        case .conflict:
            status = .conflict
            title = "Not possible in the current state"
        }
        self.init(
            code: error.code.rawValue, title: title, status: status, detail: error.message,
            errors: error.fields.map { FieldError(field: $0.field, problem: $0.problem) })
    }

    /// Every problem type the API can answer with: the domain's codes and the HTTP layer's own.
    public static var allTypes: [(code: String, status: Int, title: String)] {
        let domain = DomainError.Code.allCases.map { code -> (String, Int, String) in
            let problem = Problem(DomainError(code, ""))
            return (code.rawValue, Int(problem.status.code), problem.title)
        }
        let http: [Problem] = [
            .unauthenticated(), .forbidden(role: "", permission: ""), .malformedBody(""), .bodyTooLarge(limit: 0),
            .invalid("", errors: []), .routeNotFound(""), .unsupportedMediaType(expected: ""),
            .signInFailed, .signInLocked(retryAfter: 0), .internalError,
        ]
        var seen = Set(domain.map(\.0))
        var all = domain
        for problem in http where seen.insert(problem.code).inserted {
            all.append((problem.code, Int(problem.status.code), problem.title))
        }
        return all
    }

    /// Wrong username or password (401); deliberately does not say which.
    public static var signInFailed: Problem {
        Problem(
            code: "authentication.failed", title: "Sign-in failed", status: .unauthorized,
            detail: "The username or password is wrong, or the account is disabled.")
    }

    /// Too many failed sign-ins for this account or from this address (429): refused without checking
    /// the password until the lock ends (OWASP Authentication Cheat Sheet, "Login Throttling").
    public static func signInLocked(retryAfter seconds: Int) -> Problem {
        Problem(
            code: "authentication.locked", title: "Sign-in locked", status: .tooManyRequests,
            detail:
                "Too many failed sign-ins. Try again in \(max(1, (seconds + 59) / 60)) minutes, or ask an administrator.",
            headers: [.retryAfter: String(max(1, seconds))])
    }

    /// An unexpected failure (500); details go to the log, not to the client.
    public static var internalError: Problem {
        Problem(
            code: "internal", title: "Internal error", status: .internalServerError,
            detail: "Lightbox could not complete the request; the failure has been logged.")
    }
}
