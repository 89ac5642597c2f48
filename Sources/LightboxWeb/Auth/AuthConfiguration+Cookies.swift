import Foundation
import HTTPTypes
import Hummingbird

extension AuthConfiguration {
    /// Whether cookies set in answer to `request` carry `Secure`: always when configured, and whenever
    /// the request came over TLS, directly or through a TLS-terminating proxy (RFC 6265 §4.1.2.5).
    /// Trusting `X-Forwarded-Proto` here can only add protection, never remove it.
    public func cookiesAreSecure(for request: Request) -> Bool {
        if secureCookies { return true }
        if request.head.scheme?.lowercased() == "https" { return true }
        if let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!] {
            return forwarded.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
        }
        return false
    }

    /// The session cookie carrying `secret`, or clearing it when `secret` is nil.
    public func sessionCookie(_ secret: String?, for request: Request) -> Cookie {
        Cookie(
            name: cookieName, value: secret ?? "", maxAge: secret == nil ? 0 : Int(sessionLifetime), path: "/",
            secure: cookiesAreSecure(for: request), httpOnly: true, sameSite: .strict)
    }
}
