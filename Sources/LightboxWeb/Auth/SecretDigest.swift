import Crypto
import Foundation

/// Random secrets for session ids and API tokens, and the SHA-256 digests stored in their place,
/// so a copy of the database does not hand out working credentials.
public enum SecretDigest {
    /// A new random 32-byte secret, base64url-encoded without padding, with a readable prefix.
    public static func newSecret(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    /// Lower-case hex SHA-256 of the secret's UTF-8 bytes.
    public static func sha256Hex(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
