import Crypto
import Foundation

/// Tokens that prove a form was sent from a page Lightbox served (OWASP CSRF Prevention Cheat
/// Sheet): derived from the session secret (or, before sign-in, from a form cookie), which another
/// site can neither read nor set. The cookies are also `SameSite=Strict`.
enum CSRFToken {
    /// The token of forms shown to the holder of `secret`.
    static func token(for secret: String) -> String {
        SecretDigest.sha256Hex("lightbox-form-token:" + secret)
    }

    /// Whether `sent` is the token for `secret`, compared in constant time.
    static func matches(_ sent: String?, secret: String?) -> Bool {
        guard let sent, let secret, !secret.isEmpty else { return false }
        let expected = Array(token(for: secret).utf8)
        let given = Array(sent.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }
}
