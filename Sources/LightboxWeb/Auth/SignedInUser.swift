import Foundation
import LightboxDomain

/// The authenticated identity of a request.
public struct SignedInUser: Sendable, Equatable {
    /// How the request proved who it is.
    public enum Credential: String, Sendable {
        /// Browser session cookie.
        case session
        /// `Authorization: Bearer` API token.
        case token
    }

    public var accountID: UUID
    public var username: String
    public var role: AccessRole
    public var staffID: UUID?
    public var credential: Credential
    /// The referrer the account requests as, when linked to one.
    public var referrerID: UUID?

    public init(
        accountID: UUID, username: String, role: AccessRole, staffID: UUID?, credential: Credential,
        referrerID: UUID? = nil
    ) {
        self.referrerID = referrerID
        self.accountID = accountID
        self.username = username
        self.role = role
        self.staffID = staffID
        self.credential = credential
    }

    /// The actor passed to use cases: a browser session acts through the web door, a token through the API door.
    public func actor(address: String?) -> Actor {
        Actor(
            staffID: staffID, username: username, role: role, door: credential == .session ? .web : .api,
            address: address, referrerID: referrerID)
    }
}
