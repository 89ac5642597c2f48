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
        let policy = environment.policy
        let now = environment.clock.now()
        let configuration = try await call.department.viewThresholds.configurationInForce()
        var queues: [(HomePageModel.QueueDefinition, ExamQueue)] = []
        var alerts: [OpenAlert] = []
        if policy.allows(user.role, .viewExams) {
            // Today's list is the person's rooms on today's rota when they are on it, else the department's.
            var rooms: [UUID]?
            var roomNames: [String] = []
            if let staffID = user.staffID, policy.allows(user.role, .viewRota) {
                let day = CalendarDate(now, in: configuration.timeZone)
                let rota = try await call.department.viewRota(from: day, to: day, staffID: staffID, by: call.actor)
                if !rota.isEmpty {
                    rooms = Array(Set(rota.map(\.roomID)))
                    roomNames = Array(Set(rota.map(\.roomName))).sorted()
                }
            }
            var definitions = HomePageModel.queues(
                for: user.role, policy: policy, today: PageFormat(configuration.timeZone).dayBounds(now),
                rooms: rooms, rows: configuration.homeQueueRows)
            if let index = definitions.firstIndex(where: { $0.id == "today" }), !roomNames.isEmpty {
                definitions[index].title += ": " + roomNames.joined(separator: ", ")
            }
            if !definitions.isEmpty {
                // Each queue's front and its count, read by the store (not every exam in the role's states).
                let found = try await call.department.listExamQueues(definitions.map(\.query), by: call.actor).value
                queues = Array(zip(definitions, found))
            }
            let seesReportAlerts =
                policy.allows(user.role, .verifyReport)
                || (user.referrerID != nil && policy.allows(user.role, .createRequest))
            if seesReportAlerts || policy.allows(user.role, .checkImages) {
                alerts = try await call.department.listOpenAlerts(by: call.actor).value
            }
        }
        let patientIDs = Set(queues.flatMap { $0.1.exams.map(\.patientID) } + alerts.map(\.patientID))
        var model = HomePageModel(
            layout: try call.layout("Home"), user: user, policy: policy, queues: queues, alerts: alerts,
            patients: try await Self.patients(patientIDs, store: environment.store), now: now,
            configuration: configuration)
        model.staffNotices = try await call.department.viewStaffRecords.notices(by: call.actor, limit: 10).map(
            \.message)
        if environment.policy.allows(user.role, .viewTasks) && environment.policy.allows(user.role, .workTasks) {
            // The task board on the home of those who work it (issue 14); an operator sees it once they hold a task.
            let position = environment.live?.position
            let entries = try await call.department.viewSupportTasks(
                SupportTaskQuery.active(limit: ViewSupportTasks.maximumLimit), by: call.actor)
            let tasks = HomeTasks(
                entries: entries, actor: try call.actor, policy: environment.policy, now: now,
                configuration: configuration, csrfToken: call.csrfToken, livePosition: position)
            if !environment.policy.allows(user.role, .performExam) || tasks.hasMine { model.tasks = tasks }
        }
        return try call.page(model)
    }

    /// The patients of `exams`, for names in lists (the list itself is audited by `ListExams`).
    static func patients(of exams: [Exam], store: any DepartmentStore) async throws -> [UUID: Patient] {
        try await patients(Set(exams.map(\.patientID)), store: store)
    }

    /// The patients with these ids, read together (one query per few hundred, not one each).
    static func patients(_ ids: Set<UUID>, store: any DepartmentStore) async throws -> [UUID: Patient] {
        guard !ids.isEmpty else { return [:] }
        return try await store.transaction { unit in try await unit.patients.get(ids: ids) }
    }
}
