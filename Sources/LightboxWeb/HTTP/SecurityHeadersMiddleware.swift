import Foundation
import HTTPTypes
import Hummingbird

/// Adds the browser-hardening headers to every response, API, pages and errors alike (OWASP HTTP
/// Headers Cheat Sheet): a Content-Security-Policy that allows scripts, styles and connections only
/// from Lightbox itself (no inline script, no plugin) and no framing (CSP Level 3 §6.4.2
/// `frame-ancestors`), `X-Content-Type-Options: nosniff` (Fetch §3.5), `Referrer-Policy: no-referrer`.
public struct SecurityHeadersMiddleware: RouterMiddleware {
    public typealias Context = WebContext

    /// The Content-Security-Policy sent with every response.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'"

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        Self.apply(to: &response.headers)
        return response
    }

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!

    static func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[referrerPolicy] = "no-referrer"
        headers[xFrameOptions] = "DENY"
    }
}
