import Foundation
import Hummingbird
import LightboxDomain

/// New account of `POST /api/accounts`.
public struct CreateAccountBody: APISchema, Equatable {
    public static let schemaName = "CreateAccount"
    public static let example = CreateAccountBody(
        username: "j.smith", role: .radiologist, password: "correct horse battery",
        staffID: UUID(uuidString: "6E0D2C61-5B0B-4F63-9B7E-3C2D1A0F9E11"),
        referrerID: UUID(uuidString: "3F2A1B0C-9D8E-4F7A-8B6C-5D4E3F2A1B0C"))
    public var username: String
    public var role: AccessRole
    public var password: String?
    public var staffID: UUID?
    /// The referrer the account requests as (required for the `referrer` role).
    public var referrerID: UUID?
}

/// An account as listed (never with its password hash).
public struct AccountView: APISchema, Equatable {
    public static let schemaName = "Account"
    public static let example: AccountView = {
        var view = AccountView(
            id: UUID(uuidString: "0B7F4D1E-2A3C-4E5F-8A9B-1C2D3E4F5A6B")!, username: "j.smith", role: .radiologist,
            staffID: UUID(uuidString: "6E0D2C61-5B0B-4F63-9B7E-3C2D1A0F9E11"), disabled: false, hasPassword: true,
            createdAt: Date(timeIntervalSince1970: 1_800_000_000))
        view.referrerID = UUID(uuidString: "3F2A1B0C-9D8E-4F7A-8B6C-5D4E3F2A1B0C")
        return view
    }()
    public var id: UUID
    public var username: String
    public var role: AccessRole
    public var staffID: UUID?
    public var disabled: Bool
    public var hasPassword: Bool
    public var createdAt: Date
    public var referrerID: UUID?

    init(_ account: Account) {
        self.init(
            id: account.id, username: account.username, role: account.role, staffID: account.staffID,
            disabled: account.disabled, hasPassword: account.passwordHash != nil, createdAt: account.createdAt)
        referrerID = account.referrerID
    }

    init(
        id: UUID, username: String, role: AccessRole, staffID: UUID?, disabled: Bool, hasPassword: Bool, createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.role = role
        self.staffID = staffID
        self.disabled = disabled
        self.hasPassword = hasPassword
        self.createdAt = createdAt
    }
}

/// Request of `POST /api/accounts/{username}/tokens`.
public struct IssueTokenBody: APISchema, Equatable {
    public static let schemaName = "IssueToken"
    public static let example = IssueTokenBody(name: "PACS bridge")
    public var name: String
}

/// A newly issued token: `token` is shown only in this response.
public struct IssuedTokenView: APISchema, Equatable {
    public static let schemaName = "IssuedToken"
    public static let example = IssuedTokenView(
        id: UUID(uuidString: "0B7F4D1E-2A3C-4E5F-8A9B-1C2D3E4F5A6C")!, name: "PACS bridge", username: "j.smith",
        token: "lbx_q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c")
    public var id: UUID
    public var name: String
    public var username: String
    public var token: String
}

extension UpdateAccount.Command: APISchema {
    public static let schemaName = "UpdateAccount"
    public static let pathMembers = ["username"]
    public static var example: UpdateAccount.Command {
        .init(username: "j.smith", role: .reportingRadiographer, disabled: false)
    }
}

extension WebApplication {
    static var accountRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/accounts", id: "listAccounts", summary: "Sign-in accounts", tag: "Accounts",
                access: .permission(.manageAccounts), body: NoBody.self, response: [AccountView].self
            ) { call, _ in
                try await call.environment.auth.accounts().map(AccountView.init)
            },
            .json(
                .post, "/api/accounts", id: "createAccount", summary: "Create a sign-in account", tag: "Accounts",
                access: .permission(.manageAccounts), body: CreateAccountBody.self, response: AccountView.self,
                status: .created, problems: [.conflict]
            ) { call, body in
                let account = try await call.environment.auth.createAccount(
                    username: body.username, role: body.role, password: body.password, staffID: body.staffID,
                    referrerID: body.referrerID, by: try call.actor)
                return AccountView(account)
            },
            .json(
                .put, "/api/accounts/{username}", id: "updateAccount",
                summary: "Change an account's role, or disable or enable it (not your own)", tag: "Accounts",
                access: .permission(.manageAccounts), body: UpdateAccount.Command.self, response: AccountView.self,
                problems: [.notFound, .unprocessableContent]
            ) { call, command in
                AccountView(try await call.department.updateAccount(command, by: try call.actor).value)
            },
            .json(
                .post, "/api/accounts/{username}/tokens", id: "issueToken",
                summary: "Issue an API token (the secret is shown once)", tag: "Accounts",
                access: .permission(.manageAccounts), body: IssueTokenBody.self, response: IssuedTokenView.self,
                status: .created
            ) { call, body in
                let username = call.parameter("username")
                let issued = try await call.environment.auth.issueToken(
                    username: username, name: body.name, by: try call.actor)
                return IssuedTokenView(id: issued.token.id, name: body.name, username: username, token: issued.secret)
            },
        ]
    }
}
