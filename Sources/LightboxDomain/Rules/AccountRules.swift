import Foundation

/// What a department accepts as a user name and a password, for every door that creates accounts
/// (JSON API, command line, demo and test set-up).
public enum AccountRules {
    /// NCSC password guidance favours length over composition rules.
    public static let minimumPasswordLength = 12
    public static let maximumUsernameLength = 64

    /// Problems with a password, or none.
    public static func passwordProblems(_ password: String) -> [FieldProblem] {
        password.count < minimumPasswordLength
            ? [FieldProblem("password", "must be at least \(minimumPasswordLength) characters long")] : []
    }

    /// Problems with a user name, or none: lower-case ASCII letters, digits, '.', '-' and '_', so a
    /// name is typed the same on every keyboard and never collides with another by case.
    public static func usernameProblems(_ username: String) -> [FieldProblem] {
        if username.isEmpty { return [FieldProblem("username", "is required")] }
        if username.count > maximumUsernameLength {
            return [FieldProblem("username", "must be at most \(maximumUsernameLength) characters")]
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_")
        if !username.allSatisfy({ allowed.contains($0) }) {
            return [FieldProblem("username", "may contain only lower-case letters, digits, '.', '-' and '_'")]
        }
        return []
    }
}
