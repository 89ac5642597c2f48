import Foundation

/// Sign-in settings.
public struct AuthConfiguration: Sendable, Equatable {
    /// bcrypt cost factor (2^cost rounds). Values below 10 are raised to 10.
    public var bcryptCost: UInt8
    /// How long a browser session lasts after sign-in.
    public var sessionLifetime: TimeInterval
    /// Set the cookie's `Secure` attribute (when Lightbox is served over TLS or behind a TLS proxy).
    public var secureCookies: Bool
    /// Name of the session cookie.
    public var cookieName: String
    /// A browser session unused for this long ends (OWASP Session Management: idle timeout), however
    /// much of `sessionLifetime` is left.
    public var idleTimeout: TimeInterval
    /// Failed sign-ins per account and per address before a lock.
    public var throttle: SignInThrottlePolicy
    /// Name of the cookie that carries the sign-in form's CSRF token before a session exists.
    public var formTokenCookieName: String { cookieName + "_form" }

    /// The lowest bcrypt cost accepted (OWASP's floor for bcrypt).
    public static let minimumBcryptCost: UInt8 = 10

    public init(
        bcryptCost: UInt8 = 12, sessionLifetime: TimeInterval = 8 * 3600, secureCookies: Bool = false,
        cookieName: String = "lightbox_session", idleTimeout: TimeInterval = 30 * 60,
        throttle: SignInThrottlePolicy = SignInThrottlePolicy()
    ) {
        self.bcryptCost = max(bcryptCost, Self.minimumBcryptCost)
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
        self.cookieName = cookieName
        self.idleTimeout = min(idleTimeout, sessionLifetime)
        self.throttle = throttle
    }
}
