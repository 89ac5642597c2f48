import Foundation
import Hummingbird
import LightboxDomain

/// The support workers' task board page (issue 14) and the exam page's requests to it, over the use cases the
/// `/api/tasks` routes call. The board is live: it follows `/live` like the room worklists.
extension WebApplication {
    func addTaskPages(_ page: PageRegistrar) {
        page(.get, "/tasks") { call in
            _ = try call.require(.viewTasks)
            return try await Self.taskBoardPage(call)
        }
        page(.post, "/tasks") { call in
            _ = try call.require(.requestTask)
            return try await call.submit(showing: .allButDeniedOrMissing) { form in
                try await Self.requestTask(call, form)
            } again: { form, error in
                try await Self.taskBoardPage(
                    call, request: (form, error.fields, error.fields.isEmpty ? [error.message] : []),
                    status: .unprocessableContent)
            }
        }
        func action(
            _ path: String, _ permission: Permission,
            run: @escaping @Sendable (Department, UUID, FormBody, Actor) async throws -> String
        ) {
            page(.post, "/tasks/:taskID/" + path) { call in
                _ = try call.require(permission)
                return try await call.submit(showing: .allButDeniedOrMissing) { form in
                    ((taskID: try call.id("taskID"), form: form), [])
                } run: { sent in
                    let notice = try await run(call.department, sent.taskID, sent.form, try call.actor)
                    let back = sent.form["back"] == "/" ? "/" : "/tasks"
                    return "\(back)?done=\(notice)"
                } again: { form, error in
                    let taskID = try call.id("taskID")
                    // The use case's sentence says what to do ("Say how the room was cleaned.").
                    let message =
                        error.message.isEmpty
                        ? error.fields.map { "\($0.field) \($0.problem)" }.joined(separator: "; ") : error.message
                    let value = path == "done" ? form["note"] : path == "cancellation" ? form["reason"] : nil
                    return try await Self.taskBoardPage(
                        call,
                        refused: TaskBoardPageModel.Refused(
                            taskID: taskID, form: path, field: error.fields.first?.field ?? "", message: message,
                            value: value),
                        status: error.kind == .conflict ? .conflict : .unprocessableContent)
                }
            }
        }
        action("claim", .workTasks) { department, id, _, actor in
            _ = try await department.claimSupportTask(.init(taskID: id), by: actor)
            return "task-claimed"
        }
        action("release", .workTasks) { department, id, form, actor in
            _ = try await department.releaseSupportTask(.init(taskID: id, note: form["note"]), by: actor)
            return "task-released"
        }
        action("done", .workTasks) { department, id, form, actor in
            let task = try await department.completeSupportTask(.init(taskID: id, note: form["note"]), by: actor).value
            return task.cleaningRecordID == nil ? "task-done" : "task-cleaned"
        }
        action("cancellation", .requestTask) { department, id, form, actor in
            _ = try await department.cancelSupportTask(.init(taskID: id, reason: form["reason"] ?? ""), by: actor)
            return "task-cancelled"
        }
        func examRequest(
            _ path: String,
            parse: @escaping @Sendable (UUID, FormBody) -> ExamActionCommands.Parsed<RequestSupportTask.Command>
        ) {
            page(.post, "/exams/:examID/" + path) { call in
                _ = try call.require(.requestTask)
                return try await Self.submitExamForm(call, path: path, form: path) {
                    parse($0, $1)
                } run: {
                    _ = try await call.department.requestSupportTask($0, by: call.actor)
                }
            }
        }
        examRequest("chaperone-request", parse: TaskRequestForms.chaperone)
        examRequest("transfer-request", parse: TaskRequestForms.transfer)
    }

    /// The board's request form as `RequestSupportTask`'s command: posts it, or refuses it naming the fields the
    /// form itself can see are wrong.
    static func requestTask(_ call: PageCall, _ form: FormBody) async throws -> String {
        let timeZone = call.department.environment.configuration.timeZone
        var problems: [FieldProblem] = []
        let kind = form["kind"].flatMap(SupportTask.Kind.init(rawValue:))
        if kind == nil { problems.append(FieldProblem("kind", "choose what is needed")) }
        let (priority, priorityProblem) = TaskRequestForms.priority(form)
        if let priorityProblem { problems.append(priorityProblem) }
        var roomID: UUID?
        if let raw = form["roomID"] {
            roomID = UUID(uuidString: raw)
            if roomID == nil { problems.append(FieldProblem("roomID", "choose a room from the list")) }
        }
        var dueAt: Date?
        if form["dueAt"] != nil {
            let (date, problem) = ExamActionCommands.time(form["dueAt"], field: "dueAt", timeZone: timeZone)
            dueAt = date
            if let problem { problems.append(problem) }
        }
        guard let kind, let priority, problems.isEmpty else {
            throw DomainError(.validationFailed, "", fields: problems)
        }
        _ = try await call.department.requestSupportTask(
            RequestSupportTask.Command(
                kind: kind, priority: priority, details: form["details"], roomID: roomID, dueAt: dueAt),
            by: call.actor)
        return "/tasks?done=task-requested"
    }

    /// The board, with the request form or a row's refusal shown again.
    static func taskBoardPage(
        _ call: PageCall, request: (form: FormBody, problems: [FieldProblem], general: [String])? = nil,
        refused: TaskBoardPageModel.Refused? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let actor = try call.actor
        let configuration = try await call.department.viewThresholds.configurationInForce()
        var filterKind: SupportTask.Kind?
        if let raw = call.query("kind") {
            guard let kind = SupportTask.Kind(rawValue: raw) else {
                throw PageRefusal.notFound("There is no such kind of task.")
            }
            filterKind = kind
        }
        let mineOnly = call.query("mine") == "true"
        // The position first: an event committed while the board is read is then sent again, never missed.
        let position = call.environment.live?.position
        let kinds = filterKind.map { [$0] } ?? []
        let claimedBy = mineOnly ? actor.username : nil
        let active = try await call.department.viewSupportTasks(
            SupportTaskQuery(
                statuses: [.open, .claimed], kinds: kinds, claimedBy: claimedBy, limit: ViewSupportTasks.maximumLimit),
            by: actor)
        let finished = try await call.department.viewSupportTasks(
            SupportTaskQuery(
                statuses: [.done, .cancelled], kinds: kinds, claimedBy: claimedBy, newestFirst: true,
                limit: TaskBoardPageModel.finishedShown),
            by: actor)
        let entries = active + finished
        let rooms =
            call.environment.policy.allows(actor.role, .viewReferenceData)
            ? try await worklistRooms(call) : []
        let model = TaskBoardPageModel(
            layout: try call.layout("Task board"), entries: entries, actor: actor, policy: call.environment.policy,
            rooms: rooms, filterKind: filterKind, mineOnly: mineOnly, now: call.environment.clock.now(),
            configuration: configuration, livePosition: position, request: request, refused: refused)
        return try call.page(model, status: status)
    }
}
