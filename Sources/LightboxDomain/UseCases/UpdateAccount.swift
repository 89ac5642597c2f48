import Foundation

/// Changes a sign-in account's role, or disables or re-enables it (audited as `account.updated`): the same rules
/// from the administration page and the API. A disabled account's sessions and tokens stop working at once (they
/// are checked against the account on every request), and nobody changes or disables their own account, so an
/// administrator cannot lock the department out by mistake.
public struct UpdateAccount: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var username: String
        /// The new role; nil leaves it.
        public var role: AccessRole?
        /// True disables the account, false enables it again; nil leaves it.
        public var disabled: Bool?

        public init(username: String, role: AccessRole? = nil, disabled: Bool? = nil) {
            self.username = username
            self.role = role
            self.disabled = disabled
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Account> {
        try environment.policy.require(actor, .manageAccounts)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var account = try await unit.accounts.find(username: command.username) else {
                throw DomainError(.notFound, "No account named '\(command.username)' was found.")
            }
            var problems: [FieldProblem] = []
            if account.username == actor.username && (command.role.map { $0 != account.role } ?? false) {
                problems.append(FieldProblem("role", "you cannot change the role of your own account"))
            }
            if account.username == actor.username && command.disabled == true {
                problems.append(FieldProblem("disabled", "you cannot disable your own account"))
            }
            if command.role == .referrer && account.referrerID == nil {
                problems.append(
                    FieldProblem("role", "only an account created for a referrer can have the referrer role"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The account was not changed.", fields: problems)
            }
            var changes: [String] = []
            if let role = command.role, role != account.role {
                changes.append("role \(account.role.rawValue) → \(role.rawValue)")
                account.role = role
            }
            if let disabled = command.disabled, disabled != account.disabled {
                changes.append(disabled ? "disabled" : "enabled")
                account.disabled = disabled
            }
            guard !changes.isEmpty else { return Outcome(account, events: []) }
            try await unit.accounts.update(account)
            try await unit.record(
                actor, "account.updated", patientID: nil, examID: nil, at: now,
                "account \(account.username): \(changes.joined(separator: ", "))")
            return Outcome(
                account, events: [DomainEvent(name: "account.updated", subjectID: account.id.uuidString, at: now)])
        }
    }
}
