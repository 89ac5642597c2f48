import Foundation

/// Turns a password into the one-way hash an account stores (the web adapter uses bcrypt). The
/// domain never sees a stored password, only decides whether a password is acceptable.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
}
