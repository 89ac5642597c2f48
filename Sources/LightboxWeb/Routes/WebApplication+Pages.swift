import Foundation
import Hummingbird
import LightboxDomain
import NIOCore

/// Serves one page.
typealias PageHandler = @Sendable (PageCall) async throws -> Response
/// Adds one page route.
typealias PageRegistrar = (HTTPRequest.Method, String, @escaping PageHandler) -> Void

/// The pages (DESIGN.md "Pages"): server-rendered HTML over the same use cases as the API. Page
/// routes are not part of the JSON API's route table, so they are not in the OpenAPI document.
extension WebApplication {
    /// Adds the pages and their static files to `router`.
    func addPages(to router: Router<WebContext>) {
        let environment = self.environment
        let renderer: PageRenderer
        switch PageRenderer.bundled {
        case .success(let loaded): renderer = loaded
        case .failure(let error):
            router.get("/") { _, _ -> Response in throw error }
            return
        }
        func page(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping PageHandler) {
            router.on(RouterPath(path), method: method) { request, context in
                let call = PageCall(request: request, context: context, environment: environment, renderer: renderer)
                do {
                    return try await handler(call)
                } catch {
                    return call.answer(error)
                }
            }
        }

        router.get("/static/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let file = renderer.staticFiles[name] else {
                throw HTTPError(.notFound)
            }
            return Response(
                status: .ok,
                headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: file.bytes))
        }

        page(.get, "/") { call in
            guard let user = call.user, user.credential == .session else { return Self.signInPage(call) }
            return try await Self.homePage(call, user: user)
        }
        page(.post, "/sign-in") { call in try await Self.signIn(call) }
        page(.post, "/sign-out") { call in
            let user = try call.signedIn()
            _ = try await call.form()
            if let secret = call.sessionSecret {
                try await call.auth.signOut(secret: secret, user: user, address: call.context.remoteAddress)
            }
            var response = call.redirect("/?signed-out=1")
            response.setCookie(call.auth.configuration.sessionCookie(nil, for: call.request))
            return response
        }
        addPatientPages(page)
        addExamPages(page)
        addOperationsPages(page)
        addViewerPages(page)
        addReconciliationPages(page)
        addEquipmentPages(page)
        addStatisticsPages(page)
        addLivePages(page)
        addReportingPages(page)
        addDosePages(page)
        addBookingPages(page)
        addTaskPages(page)
        addIncidentPages(page)
        addEquipmentOperationPages(page)
        addStockOperationPages(page)
        addRotaPages(page)
        addAdminPages(page)
    }

    // MARK: Sign-in

    /// The sign-in page, with a fresh form cookie whose token the form carries.
    static func signInPage(
        _ call: PageCall, username: String = "", failure: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let secret = SecretDigest.newSecret(prefix: "")
        let model = SignInPageModel(
            formToken: CSRFToken.token(for: secret), next: call.query("next"), username: username, failure: failure,
            timedOut: call.query("timed-out") != nil)
        var response: Response
        do {
            response = try call.page(model, status: status)
        } catch {
            return call.answer(error)
        }
        let configuration = call.auth.configuration
        response.setCookie(
            Cookie(
                name: configuration.formTokenCookieName, value: secret, path: "/",
                secure: configuration.cookiesAreSecure(for: call.request), httpOnly: true, sameSite: .strict))
        return response
    }

    static func signIn(_ call: PageCall) async throws -> Response {
        let formSecret = call.request.cookies[call.auth.configuration.formTokenCookieName]?.value
        let form = try await call.form(tokenSecret: formSecret ?? "")
        let username = form["username"] ?? ""
        guard let password = form.pairs.first(where: { $0.name == "password" })?.value, !username.isEmpty,
            !password.isEmpty
        else {
            return signInPage(
                call, username: username, failure: "Enter your username and password", status: .unprocessableContent)
        }
        do {
            let opened = try await call.auth.signIn(
                username: username, password: password, address: call.context.remoteAddress, door: .web)
            var response = call.redirect(SignInPageModel.safeNext(form["next"]))
            response.setCookie(call.auth.configuration.sessionCookie(opened.secret, for: call.request))
            return response
        } catch let problem as Problem where problem.status == .unauthorized || problem.status == .tooManyRequests {
            var response = signInPage(
                call, username: username,
                failure: problem.status == .tooManyRequests
                    ? problem.detail : "The username or password is wrong, or the account is disabled",
                status: problem.status)
            if let retry = problem.headers[.retryAfter] { response.headers[.retryAfter] = retry }
            return response
        }
    }

    // MARK: Home

    static func homePage(_ call: PageCall, user: SignedInUser) async throws -> Response {
        let environment = call.environment
        let states = HomePageModel.states(for: user.role, policy: environment.policy)
        var exams: [Exam] = []
        if !states.isEmpty && environment.policy.allows(user.role, .viewExams) {
            exams = try await call.department.listExams(
                ExamQuery(states: states, limit: ListExams.maximumLimit), by: call.actor
            ).value
        }
        if let referrerID = user.referrerID, environment.policy.allows(user.role, .createRequest) {
            // The referrer's team acknowledges their own reports' alerts: those are their work here.
            let known = Set(exams.map(\.id))
            exams += try await call.department.listExams(
                ExamQuery(states: [.reportVerified], limit: ListExams.maximumLimit), by: call.actor
            ).value.filter { $0.referrerID == referrerID && !known.contains($0.id) }
        }
        let patients = try await Self.patients(of: exams, store: environment.store)
        var model = HomePageModel(
            layout: try call.layout("Home"), user: user, policy: environment.policy, exams: exams,
            patients: patients, now: environment.clock.now(),
            configuration: try await call.department.viewThresholds.configurationInForce())
        model.staffNotices = try await call.department.viewStaffRecords.notices(by: call.actor, limit: 10).map(
            \.message)
        if environment.policy.allows(user.role, .viewTasks) && environment.policy.allows(user.role, .workTasks) {
            // The task board on the home of those who work it (issue 14); an operator sees it once they hold a task.
            let position = environment.live?.position
            let entries = try await call.department.viewSupportTasks(
                SupportTaskQuery.active(limit: ViewSupportTasks.maximumLimit), by: call.actor)
            let tasks = HomeTasks(
                entries: entries, actor: try call.actor, policy: environment.policy, now: environment.clock.now(),
                configuration: try await call.department.viewThresholds.configurationInForce(),
                csrfToken: call.csrfToken, livePosition: position)
            if !environment.policy.allows(user.role, .performExam) || tasks.hasMine { model.tasks = tasks }
        }
        return try call.page(model)
    }

    /// The patients of `exams`, for names in lists (the list itself is audited by `ListExams`).
    static func patients(of exams: [Exam], store: any DepartmentStore) async throws -> [UUID: Patient] {
        let ids = Set(exams.map(\.patientID))
        guard !ids.isEmpty else { return [:] }
        return try await store.transaction { unit in
            var found: [UUID: Patient] = [:]
            for id in ids { found[id] = try await unit.patients.get(id) }
            return found
        }
    }
}
