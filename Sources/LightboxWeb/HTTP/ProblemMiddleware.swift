import Foundation
import Hummingbird
import LightboxDomain
import Logging
import NIOCore

/// Turns every error into an RFC 9457 problem+json response, so clients see one error format
/// whatever failed (domain refusal, unknown route, oversized or malformed body). Under `/fhir` the
/// same problems are FHIR OperationOutcomes instead (FHIR R4 §3.1.0.4), sign-in refusals included.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = WebContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            if FHIRFormat.applies(to: request) {
                let format = (try? FHIRFormat(request: request)) ?? FHIRFormat()
                if let outcome = error as? OperationOutcome { return format.response(outcome) }
                let problem = Self.problem(for: error, path: request.uri.path, logger: context.logger)
                return format.response(OperationOutcome(problem))
            }
            let problem = Self.problem(for: error, path: request.uri.path, logger: context.logger)
            return problem.response()
        }
    }

    static func problem(for error: any Error, path: String, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let domain as DomainError:
            return Problem(domain)
        case is NIOTooManyBytesError:
            return .bodyTooLarge(limit: 0)
        case let http as HTTPError:
            switch http.status {
            case .notFound: return .routeNotFound(path)
            case .unauthorized: return .unauthenticated()
            case .contentTooLarge: return .bodyTooLarge(limit: 0)
            default:
                return Problem(
                    code: "http.\(http.status.code)", title: http.status.reasonPhrase, status: http.status,
                    detail: http.body ?? http.status.reasonPhrase)
            }
        default:
            logger.error("Request failed", metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"])
            return .internalError
        }
    }
}
