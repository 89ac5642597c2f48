import Foundation
import Hummingbird
import LightboxDomain
import Logging
import NIOCore

/// One page request as a handler sees it: who is signed in, their form token, the form they sent
/// (checked against that token before anything else is read), and rendering into the layout.
struct PageCall: Sendable {
    let request: Request
    let context: WebContext
    let environment: APIEnvironment
    let renderer: PageRenderer

    var user: SignedInUser? { context.identity }
    var auth: AuthService { environment.auth }
    var department: Department { environment.department }
    var path: String { request.uri.path }

    /// The session cookie's secret (pages act only for browser sessions).
    var sessionSecret: String? { request.cookies[auth.configuration.cookieName]?.value }

    /// The signed-in person, or a refusal that sends them to sign in.
    func signedIn() throws -> SignedInUser {
        guard let user, user.credential == .session else {
            throw PageRefusal.signInNeeded(next: request.method == .get ? request.uri.description : "/")
        }
        return user
    }

    /// The signed-in person whose role has `permission`, else 403 naming both.
    func require(_ permission: Permission) throws -> SignedInUser {
        let user = try signedIn()
        guard environment.policy.allows(user.role, permission) else {
            // The page says the role and the permission in words, never their enum names.
            throw Problem.forbidden(role: user.role.label, permission: permission.label)
        }
        return user
    }

    var actor: Actor {
        get throws { try signedIn().actor(address: context.remoteAddress) }
    }

    /// The token every form of this session carries.
    var csrfToken: String { sessionSecret.map(CSRFToken.token(for:)) ?? "" }

    /// The layout of a signed-in page.
    func layout(_ title: String, notice: String? = nil) throws -> LayoutModel {
        LayoutModel(
            title: title, user: try signedIn(), policy: environment.policy, csrfToken: csrfToken, path: path,
            idleSeconds: Int(auth.configuration.idleTimeout),
            notice: notice ?? query("done").flatMap(PageNotice.text(for:)))
    }

    /// A query parameter, trimmed; nil when absent or blank.
    func query(_ name: String) -> String? {
        guard
            let value = request.uri.queryParameters[Substring(name)].map(String.init)?
                .trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// A `:name` path parameter that must be a UUID, else 404.
    func id(_ name: String) throws -> UUID {
        guard let id = context.parameters.get(name).flatMap(UUID.init(uuidString:)) else {
            throw PageRefusal.notFound("There is no such record.")
        }
        return id
    }

    /// The posted form, refused unless it carries this session's token (or, for sign-in, the
    /// token of the form cookie). Nothing else of the body is looked at first.
    func form(tokenSecret: String? = nil) async throws -> FormBody {
        let limit = environment.limits.maxBodyBytes
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
        let form = FormBody(String(buffer: buffer))
        guard CSRFToken.matches(form["_csrf"], secret: tokenSecret ?? sessionSecret) else {
            throw PageRefusal.formTokenMissing
        }
        return form
    }

    /// The page as HTML, never cached (it shows patient data).
    func page<Model: PageModel>(_ model: Model, status: HTTPResponse.Status = .ok) throws -> Response {
        Self.html(try renderer.html(model), status: status)
    }

    static func html(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// 303 See Other to `location` (after a form: the browser then GETs it, so reload does not resend).
    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// A domain refusal in words: the domain's permission message names the role and permission by their
    /// enum names (it also reaches the API), so the page says the role's label instead.
    static func refusal(_ error: DomainError, role: AccessRole?) -> String {
        guard error.code == .permissionDenied, let role else { return error.message }
        return "Your role (\(role.label.lowercased())) does not allow this."
    }

    /// Turns a refusal or failure into an HTML answer: the sign-in page, or an error page that says
    /// what happened in words staff understand.
    func answer(_ error: any Error) -> Response {
        let title: String
        let message: String
        let status: HTTPResponse.Status
        switch error {
        case let refusal as PageRefusal:
            switch refusal {
            case .signInNeeded(let next):
                let target =
                    next == "/"
                    ? "/" : "/?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                return redirect(target)
            case .formTokenMissing:
                (status, title, message) = (
                    .forbidden, "This form cannot be accepted",
                    "The form was not sent from a Lightbox page you opened, or the page is out of date. "
                        + "Nothing was changed. Go back, reload the page and send the form again."
                )
            case .notFound(let detail):
                (status, title, message) = (.notFound, "Page not found", detail)
            }
        case let problem as Problem:
            if problem.status == .unauthorized { return answer(PageRefusal.signInNeeded(next: "/")) }
            (status, title, message) =
                problem.status == .forbidden
                ? (.forbidden, "This page is not for your role", problem.detail)
                : (problem.status, problem.title, problem.detail)
        case let domain as DomainError:
            let problem = Problem(domain)
            (status, title, message) =
                problem.status == .forbidden
                ? (.forbidden, "This page is not for your role", Self.refusal(domain, role: user?.role))
                : (problem.status, problem.title, domain.message)
        default:
            context.logger.error(
                "Page failed", metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"])
            (status, title, message) = (
                .internalServerError, "Sorry, there is a problem with Lightbox",
                "The page could not be shown; the failure has been logged. Try again, or tell the service desk."
            )
        }
        let layout =
            (try? self.layout(title))
            ?? LayoutModel.visitor(title: title)
        let model = ErrorPageModel(layout: layout, heading: title, message: message)
        return (try? page(model, status: status)) ?? Self.html(title, status: status)
    }
}
