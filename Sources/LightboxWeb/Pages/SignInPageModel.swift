import Foundation

/// The sign-in page a visitor sees at `/`.
struct SignInPageModel: PageModel {
    static let template = "sign-in"
    var layout: LayoutModel
    var errorSummary: ErrorSummary?
    var username: FormField
    var password: FormField
    var formToken: String
    /// Where to go after signing in (a path of this site only).
    var next: String
    /// Shown when the previous session ended by itself.
    var timedOut: Bool

    init(
        formToken: String, next: String?, username: String = "", failure: String? = nil, timedOut: Bool = false
    ) {
        layout = .visitor(title: "Sign in")
        self.username = FormField(
            "username", label: "Username", value: username, error: failure.map { _ in "Enter your username" },
            autocomplete: "username")
        self.password = FormField(
            "password", label: "Password", error: failure.map { _ in "Enter your password" }, type: "password",
            autocomplete: "current-password")
        if let failure {
            // One message: which of the two was wrong is deliberately not said.
            self.username.error = nil
            self.password.error = failure
        }
        errorSummary = ErrorSummary(fields: [self.username, self.password])
        self.formToken = formToken
        self.next = Self.safeNext(next)
        self.timedOut = timedOut
    }

    /// Only a path on this site (never `//host` or a scheme), so sign-in cannot redirect elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return "/" }
        return next
    }
}
