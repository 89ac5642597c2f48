import Foundation

/// Creates a sign-in account (audited as `account.created`): the same rules whether a manager
/// uses the API or an administrator the command line. The user name must be new, the password
/// acceptable, and a linked staff member must exist.
public struct CreateAccount: Sendable {
    public struct Command: Sendable, Equatable {
        public var username: String
        public var role: AccessRole
        /// Nil: the account signs in with API tokens only.
        public var password: String?
        public var staffID: UUID?
        /// The referrer the account requests as; required for the `referrer` role.
        public var referrerID: UUID?

        public init(
            username: String, role: AccessRole, password: String? = nil, staffID: UUID? = nil, referrerID: UUID? = nil
        ) {
            self.referrerID = referrerID
            self.username = username
            self.role = role
            self.password = password
            self.staffID = staffID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(
        _ command: Command, hashingWith hasher: any PasswordHasher, by actor: Actor
    ) async throws -> Outcome<Account> {
        try environment.policy.require(actor, .manageAccounts)
        var problems = AccountRules.usernameProblems(command.username)
        if let password = command.password { problems += AccountRules.passwordProblems(password) }
        if command.role == .referrer && command.referrerID == nil {
            problems.append(FieldProblem("referrerID", "a referrer's account must name the referrer it requests as"))
        }
        guard problems.isEmpty else {
            throw DomainError(.validationFailed, "The account cannot be created.", fields: problems)
        }
        let passwordHash: String? =
            if let password = command.password { try await hasher.hash(password) } else { nil }
        let now = environment.clock.now()
        let account = Account(
            id: environment.ids.next(), username: command.username, staffID: command.staffID, role: command.role,
            passwordHash: passwordHash, disabled: false, createdAt: now, referrerID: command.referrerID)
        return try await environment.store.transaction { unit in
            if try await unit.accounts.find(username: command.username) != nil {
                throw DomainError(
                    .duplicate, "An account named '\(command.username)' already exists.",
                    fields: [FieldProblem("username", "is already taken")])
            }
            if let staffID = command.staffID, try await unit.staff.get(staffID) == nil {
                throw DomainError(
                    .validationFailed, "The staff member to link was not found.",
                    fields: [FieldProblem("staffID", "names no staff member")])
            }
            if let referrerID = command.referrerID, try await unit.referrers.get(referrerID) == nil {
                throw DomainError(
                    .validationFailed, "The referrer to link was not found.",
                    fields: [FieldProblem("referrerID", "names no referrer")])
            }
            try await unit.accounts.create(account)
            try await unit.record(
                actor, "account.created", patientID: nil, examID: nil, at: now,
                "account \(command.username) role \(command.role.rawValue)")
            return Outcome(
                account, events: [DomainEvent(name: "account.created", subjectID: account.id.uuidString, at: now)])
        }
    }
}
