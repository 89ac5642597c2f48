import Foundation
import HTTPTypes

/// Why a page was not served as asked; `PageCall` turns each into an HTML answer.
enum PageRefusal: Error, Sendable, Equatable {
    /// Not signed in (or the session ended): the sign-in page, then back to `next`.
    case signInNeeded(next: String)
    /// A form without the token of the page it came from (OWASP CSRF Prevention).
    case formTokenMissing
    /// Not found (no such patient or exam, or a malformed identifier in the address).
    case notFound(String)
}
