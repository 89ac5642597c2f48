import Foundation
import Hummingbird
import LightboxDomain

/// Sign-in form of `POST /api/session`.
public struct SignInBody: APISchema, Equatable {
    public static let schemaName = "SignIn"
    public static let example = SignInBody(username: "j.smith", password: "correct horse battery")
    public var username: String
    public var password: String
}

/// The signed-in account.
public struct SessionView: APISchema, Equatable {
    public static let schemaName = "Session"
    public static let example = SessionView(
        username: "j.smith", role: .radiographer, staffID: UUID(uuidString: "6E0D2C61-5B0B-4F63-9B7E-3C2D1A0F9E11"),
        credential: "session", expiresAt: Date(timeIntervalSince1970: 1_800_000_000),
        permissions: [Permission.viewPatient.rawValue])
    public var username: String
    public var role: AccessRole
    public var staffID: UUID?
    public var credential: String
    public var expiresAt: Date?
    /// What this role may do (for clients hiding controls they cannot use).
    public var permissions: [String]
}

extension WebApplication {
    static var sessionRoutes: [APIRoute] {
        [
            .raw(
                .post, "/api/session", id: "signIn",
                summary: "Sign in with username and password; sets the session cookie",
                tag: "Sign-in", access: .anyone, requestContentType: "application/json", requestSchema: SignInBody.self,
                status: .created, responseSchema: SessionView.self, problems: [.tooManyRequests]
            ) { call in
                let body = try await call.decodeJSON(SignInBody.self)
                let environment = call.environment
                let auth = environment.auth
                let opened = try await auth.signIn(
                    username: body.username, password: body.password, address: call.context.remoteAddress)
                var response = try environment.jsonResponse(
                    SessionView(opened.user, expiresAt: opened.expiresAt, policy: environment.policy), status: .created)
                response.setCookie(auth.configuration.sessionCookie(opened.secret, for: call.request))
                return response
            },
            .json(
                .get, "/api/session", id: "getSession", summary: "Who is signed in", tag: "Sign-in", access: .signedIn,
                body: NoBody.self, response: SessionView.self
            ) { call, _ in
                guard let user = call.user else { throw Problem.unauthenticated() }
                return SessionView(user, expiresAt: nil, policy: call.environment.policy)
            },
            .raw(
                .delete, "/api/session", id: "signOut", summary: "Sign out: ends the browser session", tag: "Sign-in",
                access: .signedIn, status: .noContent, responseSchema: nil
            ) { call in
                let auth = call.environment.auth
                if let user = call.user, let cookie = call.request.cookies[auth.configuration.cookieName] {
                    try await auth.signOut(secret: cookie.value, user: user, address: call.context.remoteAddress)
                }
                var response = Response(status: .noContent)
                response.setCookie(auth.configuration.sessionCookie(nil, for: call.request))
                return response
            },
        ]
    }
}

extension SessionView {
    init(_ user: SignedInUser, expiresAt: Date?, policy: AccessPolicy) {
        self.init(
            username: user.username, role: user.role, staffID: user.staffID, credential: user.credential.rawValue,
            expiresAt: expiresAt,
            permissions: Permission.allCases.filter { policy.allows(user.role, $0) }.map(\.rawValue))
    }
}
