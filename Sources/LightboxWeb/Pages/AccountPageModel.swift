import Foundation
import LightboxDomain

/// One sign-in account (issue 14): its role, and whether it may sign in, changed through `UpdateAccount` (the
/// API's use case).
struct AccountPageModel: PageModel {
    static let template = "admin-account"

    var layout: LayoutModel
    var action: String
    var summary: [SummaryRow]
    var role: FormField
    var state: FormField
    var errorSummary: ErrorSummary?

    init(
        layout: LayoutModel, account: Account, linkedTo: String, form: FormBody? = nil, problems: [FieldProblem] = []
    ) {
        self.layout = layout
        action = "/admin/accounts/\(account.username)"
        summary = [
            SummaryRow("User name", account.username), SummaryRow("Role", account.role.label),
            SummaryRow("Linked to", linkedTo),
            SummaryRow("Signs in with", account.passwordHash == nil ? "API tokens only" : "Password"),
            SummaryRow("State", account.disabled ? "Disabled" : "Active"),
        ]
        let error = { (field: String) in problems.first { $0.field == field }?.problem }
        role = .select(
            "role", label: "Role", choices: AccessRole.allCases.map { ($0.rawValue, $0.label) },
            value: form?["role"] ?? account.role.rawValue, error: error("role"))
        state = .select(
            "disabled", label: "State",
            choices: [
                ("false", "Active: may sign in"), ("true", "Disabled: may not sign in; sessions and tokens stop"),
            ],
            value: form?["disabled"] ?? String(account.disabled), error: error("disabled"))
        let fields = [role, state]
        let known = Set(fields.map(\.name))
        errorSummary = ErrorSummary(
            fields: fields, general: problems.filter { !known.contains($0.field) }.map(\.problem))
    }

    /// The change from the form, or the problems with it.
    static func command(_ form: FormBody, username: String) -> (UpdateAccount.Command?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let role = form["role"].flatMap(AccessRole.init(rawValue:))
        if role == nil { problems.append(FieldProblem("role", "choose a role")) }
        let disabled = form["disabled"].flatMap(Bool.init)
        if disabled == nil { problems.append(FieldProblem("disabled", "choose whether the account may sign in")) }
        guard problems.isEmpty else { return (nil, problems) }
        return (UpdateAccount.Command(username: username, role: role, disabled: disabled), [])
    }
}
