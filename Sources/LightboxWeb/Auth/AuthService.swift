import Foundation
import HummingbirdBcrypt
import LightboxDomain
import NIOPosix

/// Accounts, passwords (bcrypt), browser sessions and API tokens, on the domain's
/// `AccountRepository` port. Secrets are shown once and stored only as SHA-256 digests.
public struct AuthService: PasswordHasher {
    /// A session just opened: the secret goes into the cookie and is never stored.
    public struct OpenedSession: Sendable {
        public var user: SignedInUser
        public var secret: String
        public var expiresAt: Date
    }

    /// A token just issued: the secret is shown once.
    public struct IssuedToken: Sendable {
        public var token: APIToken
        public var secret: String
    }

    let store: any DepartmentStore
    let clock: any Clock
    let ids: any IDGenerator
    public let configuration: AuthConfiguration
    /// Decides who may create accounts (the domain's `CreateAccount` asks it).
    let policy: AccessPolicy
    /// Compared against when the username is unknown, so a wrong username costs the same time as a wrong password.
    private let decoyHash: String
    /// Failed sign-ins per account and address (shared by every copy of this service).
    let throttle: SignInThrottle

    public init(
        store: any DepartmentStore, clock: any Clock, ids: any IDGenerator, configuration: AuthConfiguration,
        policy: AccessPolicy = .default
    ) {
        self.store = store
        self.policy = policy
        self.clock = clock
        self.ids = ids
        self.configuration = configuration
        self.decoyHash = Bcrypt.hash("lightbox-decoy-password", cost: configuration.bcryptCost)
        self.throttle = SignInThrottle(policy: configuration.throttle)
    }

    // MARK: Passwords

    /// bcrypt-hashes on NIO's blocking thread pool: a hash takes tens of milliseconds and must not stall an event loop.
    public func hash(_ password: String) async throws -> String {
        let cost = configuration.bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    // MARK: Accounts

    /// Creates an account through the domain's `CreateAccount` (audited as `account.created`),
    /// hashing the password with bcrypt.
    public func createAccount(
        username: String, role: AccessRole, password: String?, staffID: UUID?, referrerID: UUID? = nil,
        by actor: Actor
    ) async throws -> Account {
        let environment = DepartmentEnvironment(store: store, clock: clock, ids: ids, policy: policy)
        return try await CreateAccount(environment)(
            CreateAccount.Command(
                username: username, role: role, password: password, staffID: staffID, referrerID: referrerID),
            hashingWith: self, by: actor
        ).value
    }

    public func accounts() async throws -> [Account] {
        try await store.transaction { uow in try await uow.accounts.list() }
    }

    public func account(username: String) async throws -> Account? {
        try await store.transaction { uow in try await uow.accounts.find(username: username) }
    }

    /// Issues a new API token for the account (audited as `token.issued`). The secret is returned once.
    public func issueToken(username: String, name: String, by actor: Actor) async throws -> IssuedToken {
        let secret = SecretDigest.newSecret(prefix: "lbx_")
        let now = clock.now()
        let tokenID = ids.next()
        let token: APIToken = try await store.transaction { uow in
            guard let account = try await uow.accounts.find(username: username) else {
                throw DomainError(.notFound, "No account named '\(username)' was found.")
            }
            let token = APIToken(
                id: tokenID, accountID: account.id, name: name, tokenHash: SecretDigest.sha256Hex(secret),
                createdAt: now, revokedAt: nil)
            try await uow.accounts.addToken(token)
            try await uow.audit.append(
                AuditEntryDraft(
                    actor, action: "token.issued", patientID: nil, examID: nil, at: now,
                    detail: "token \(name) for \(username)"))
            return token
        }
        return IssuedToken(token: token, secret: secret)
    }

    // MARK: Sessions

    /// Checks the password and opens a browser session (audited as `session.created`). Each failure is
    /// audited as `sign-in.failed`; too many for one account or from one address lock further tries
    /// (audited as `sign-in.locked`, refused with 429 without checking the password) until the lock ends.
    public func signIn(username: String, password: String, address: String?, door: Door = .api) async throws
        -> OpenedSession
    {
        let started = clock.now()
        if let until = await throttle.lockedUntil(username: username, address: address, now: started) {
            throw Problem.signInLocked(retryAfter: Int(until.timeIntervalSince(started).rounded(.up)))
        }
        let account = try await store.transaction { uow in try await uow.accounts.find(username: username) }
        let verified: Bool
        if let account, let hash = account.passwordHash, !account.disabled {
            verified = try await verifyPassword(password, hash: hash)
        } else {
            _ = try await verifyPassword(password, hash: decoyHash)
            verified = false
        }
        guard verified, let account else {
            try await recordFailure(username: username, role: account?.role, address: address, door: door)
            throw Problem.signInFailed
        }
        await throttle.recordSuccess(username: username)
        let secret = SecretDigest.newSecret(prefix: "")
        let now = clock.now()
        let session = BrowserSession(
            idHash: SecretDigest.sha256Hex(secret), accountID: account.id, createdAt: now,
            expiresAt: expiry(createdAt: now, now: now))
        let user = SignedInUser(account, credential: .session)
        try await store.transaction { uow in
            try await uow.accounts.saveSession(session)
            try await uow.audit.append(
                AuditEntryDraft(
                    user.actor(address: address), action: "session.created", patientID: nil, examID: nil, at: now,
                    detail: "signed in"))
        }
        return OpenedSession(user: user, secret: secret, expiresAt: session.expiresAt)
    }

    /// Counts and audits a failed sign-in, and audits any lock it starts.
    private func recordFailure(username: String, role: AccessRole?, address: String?, door: Door) async throws {
        let now = clock.now()
        let shownName = String(username.prefix(64))
        let locks = await throttle.recordFailure(username: username, address: address, now: now)
        try await store.transaction { uow in
            func entry(_ action: String, _ detail: String) -> AuditEntryDraft {
                AuditEntryDraft(
                    actorUsername: shownName, actorRole: role?.rawValue ?? "unknown", action: action, patientID: nil,
                    examID: nil, at: now, door: door, address: address, detail: detail)
            }
            try await uow.audit.append(entry("sign-in.failed", "wrong password, unknown or disabled account"))
            for lock in locks {
                let until = ISO8601DateFormatter().string(from: lock.until)
                switch lock.subject {
                case .account(let name):
                    try await uow.audit.append(entry("sign-in.locked", "account \(name) locked until \(until)"))
                case .address(let place):
                    try await uow.audit.append(entry("sign-in.locked", "address \(place) locked until \(until)"))
                }
            }
        }
    }

    /// When a session used at `now` ends: after the idle timeout, never beyond its whole lifetime.
    func expiry(createdAt: Date, now: Date) -> Date {
        min(
            createdAt.addingTimeInterval(configuration.sessionLifetime),
            now.addingTimeInterval(configuration.idleTimeout))
    }

    /// Ends the session (audited as `session.ended`).
    public func signOut(secret: String, user: SignedInUser, address: String?) async throws {
        let now = clock.now()
        try await store.transaction { uow in
            try await uow.accounts.deleteSession(idHash: SecretDigest.sha256Hex(secret))
            try await uow.audit.append(
                AuditEntryDraft(
                    user.actor(address: address), action: "session.ended", patientID: nil, examID: nil, at: now,
                    detail: "signed out"))
        }
    }

    // MARK: Authentication

    /// The user of a live session cookie, or nil when unknown, expired or disabled. `touch` false leaves
    /// the idle expiry where it is (a page refreshing itself is not someone using Lightbox).
    public func authenticate(sessionSecret: String, touch: Bool = true) async throws -> SignedInUser? {
        let now = clock.now()
        return try await store.transaction { uow in
            let idHash = SecretDigest.sha256Hex(sessionSecret)
            guard let session = try await uow.accounts.findSession(idHash: idHash) else { return nil }
            guard session.expiresAt > now else {
                try await uow.accounts.deleteSession(idHash: idHash)
                return nil
            }
            guard let account = try await uow.accounts.find(id: session.accountID), !account.disabled else {
                return nil
            }
            // Sliding idle expiry, written at most once a minute so reads do not each cost a write.
            var touched = session
            touched.expiresAt = expiry(createdAt: session.createdAt, now: now)
            if touch && touched.expiresAt.timeIntervalSince(session.expiresAt) >= 60 {
                try await uow.accounts.saveSession(touched)
            }
            return SignedInUser(account, credential: .session)
        }
    }

    /// The user of an unrevoked API token, or nil.
    public func authenticate(bearer secret: String) async throws -> SignedInUser? {
        try await store.transaction { uow in
            guard let token = try await uow.accounts.findToken(hash: SecretDigest.sha256Hex(secret)),
                token.revokedAt == nil,
                let account = try await uow.accounts.find(id: token.accountID), !account.disabled
            else { return nil }
            return SignedInUser(account, credential: .token)
        }
    }
}

extension SignedInUser {
    init(_ account: Account, credential: Credential) {
        self.init(
            accountID: account.id, username: account.username, role: account.role, staffID: account.staffID,
            credential: credential, referrerID: account.referrerID)
    }
}
