import Foundation
import LightboxDomain

/// Sign-in accounts (issue 14): every account with its role, linked member of staff or referrer and state, and a
/// form to create one through the same `CreateAccount` use case as the API and the command line.
struct AccountsPageModel: PageModel {
    static let template = "admin-accounts"

    struct Row: Sendable, Equatable {
        var username: String
        var href: String
        var role: String
        var linkedTo: String
        var signIn: String
        var state: String
        var disabled: Bool
        var created: String
    }

    var layout: LayoutModel
    var rows: [Row]
    var username: FormField
    var role: FormField
    var password: FormField
    var staffID: FormField
    var referrerID: FormField
    var errorSummary: ErrorSummary?

    init(
        layout: LayoutModel, accounts: [Account], staff: [StaffMember], referrers: [Referrer], timeZone: TimeZone,
        form: FormBody? = nil, problems: [FieldProblem] = []
    ) {
        self.layout = layout
        let staffNames = Dictionary(staff.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let referrerNames = Dictionary(referrers.map { ($0.id, $0.name.display) }, uniquingKeysWith: { a, _ in a })
        rows = accounts.sorted { $0.username < $1.username }.map { account in
            Row(
                username: account.username, href: "/admin/accounts/\(account.username)", role: account.role.label,
                linkedTo: account.staffID.map { staffNames[$0] ?? "Unknown member of staff" }
                    ?? account.referrerID.map { "Referrer " + (referrerNames[$0] ?? "unknown") } ?? "Nobody",
                signIn: account.passwordHash == nil ? "API tokens only" : "Password",
                state: account.disabled ? "Disabled" : "Active", disabled: account.disabled,
                created: StaffRecordsPageModel.day(account.createdAt, timeZone))
        }
        let error = { (field: String) in problems.first { $0.field == field }?.problem }
        username = FormField(
            "username", label: "User name", value: form?["username"], hint: "For example j.smith",
            error: error("username"), autocomplete: "off", width: "20")
        role = .select(
            "role", label: "Role",
            choices: [("", "Choose a role")] + AccessRole.allCases.map { ($0.rawValue, $0.label) },
            value: form?["role"], error: error("role"))
        password = FormField(
            "password", label: "Password (optional)", value: nil,
            hint: "Leave empty for an account that uses API tokens only", error: error("password"),
            type: "password", autocomplete: "new-password", width: "20")
        staffID = .select(
            "staffID", label: "Member of staff",
            choices: [("", "Not linked")]
                + staff.filter(\.active).sorted { $0.displayName < $1.displayName }.map {
                    ($0.id.uuidString, $0.displayName)
                },
            value: form?["staffID"], error: error("staffID"))
        referrerID = .select(
            "referrerID", label: "Referrer (for a referrer's account)",
            choices: [("", "Not a referrer")] + referrers.map { ($0.id.uuidString, $0.name.display) },
            value: form?["referrerID"], error: error("referrerID"))
        let fields = [username, role, password, staffID, referrerID]
        let known = Set(fields.map(\.name))
        errorSummary = ErrorSummary(
            fields: fields, general: problems.filter { !known.contains($0.field) }.map(\.problem))
    }

    /// The account to create from the form, or the problems with it.
    static func command(_ form: FormBody) -> (CreateAccount.Command?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let role = form["role"].flatMap(AccessRole.init(rawValue:))
        if role == nil { problems.append(FieldProblem("role", "choose a role")) }
        let staffID = form["staffID"].map(UUID.init(uuidString:))
        if case .some(.none) = staffID { problems.append(FieldProblem("staffID", "choose a member of staff")) }
        let referrerID = form["referrerID"].map(UUID.init(uuidString:))
        if case .some(.none) = referrerID { problems.append(FieldProblem("referrerID", "choose a referrer")) }
        if (form["username"] ?? "").isEmpty { problems.append(FieldProblem("username", "enter a user name")) }
        guard let role, problems.isEmpty else { return (nil, problems) }
        let password = form.pairs.first { $0.name == "password" }.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        return (
            CreateAccount.Command(
                username: form["username"] ?? "", role: role, password: password, staffID: staffID ?? nil,
                referrerID: referrerID ?? nil), []
        )
    }
}
