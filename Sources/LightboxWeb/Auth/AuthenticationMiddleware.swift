import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Identifies the caller from `Authorization: Bearer <token>` or the session cookie. It never
/// refuses by itself: each route states what it needs and `APIRoute` enforces it (default deny).
/// A bearer token that is present but unknown is refused at once, so a typo never falls back to a cookie.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = WebContext
    let auth: AuthService

    /// Sent by the page script when it fetches a page to refresh a live list.
    static let refreshHeader = HTTPField.Name("Lightbox-Refresh")!

    public init(auth: AuthService) {
        self.auth = auth
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let bearer = request.headers.bearer {
            guard let user = try await auth.authenticate(bearer: bearer.token) else {
                throw Problem.unauthenticated("The API token is unknown or revoked.")
            }
            context.identity = user
        } else if let cookie = request.cookies[auth.configuration.cookieName] {
            // A page refreshing itself (live lists) is not someone using Lightbox: it must not keep an
            // unattended screen signed in past the idle timeout.
            let automatic = request.headers[Self.refreshHeader] != nil || request.uri.path == "/live"
            context.identity = try await auth.authenticate(sessionSecret: cookie.value, touch: !automatic)
        }
        return try await next(request, context)
    }
}
