import Foundation
import Hummingbird
import LightboxDomain

extension SupportTask: APISchema {
    public static let schemaName = "SupportTask"
    public static var example: SupportTask {
        var task = SupportTask(
            id: Examples.id(60), kind: .transfer, priority: .urgent, details: "Needs a hoist; oxygen 2 L/min",
            roomID: Examples.id(4), patientID: Examples.id(2), examID: Examples.id(1),
            transfer: SupportTask.Transfer(direction: .toDepartment, location: "Ward 7, bed 12"),
            stockItemID: Examples.id(50),
            cleaningAfter: CleaningDue(
                examID: Examples.id(1), accessionNumber: "RVJ00000042", precaution: .contact, since: Examples.now),
            automatic: false, requestedAt: Examples.now, requestedBy: "g.okafor",
            dueAt: Examples.now.addingTimeInterval(900))
        task.status = .done
        task.claimedBy = "b.walsh"
        task.claimedByStaffID = Examples.id(5)
        task.claimedAt = Examples.now
        task.doneAt = Examples.now
        task.doneBy = "b.walsh"
        task.outcome = "Patient brought to X-ray 1"
        task.cleaningRecordID = Examples.id(33)
        task.cancelledAt = Examples.now
        task.cancelledBy = "g.okafor"
        task.cancelReason = "Patient discharged from the ward"
        task.history.append(SupportTask.Step(action: .claimed, at: Examples.now, by: "b.walsh", note: "On my way"))
        return task
    }
}

extension SupportTaskEntry: APISchema {
    public static let schemaName = "SupportTaskEntry"
    public static var example: SupportTaskEntry {
        SupportTaskEntry(
            task: .example, roomName: "X-ray 1", patientName: "KHAN, Imran", patientIdentifier: "RVJ65919",
            examName: "XR Chest", accessionNumber: "RVJ00000042", stockItemName: "Omnipaque 300")
    }
}

extension RequestSupportTask.Command: APISchema {
    public static let schemaName = "RequestSupportTask"
    public static var example: RequestSupportTask.Command {
        .init(
            kind: .transfer, priority: .urgent, details: "Needs a hoist; oxygen 2 L/min", roomID: Examples.id(4),
            examID: Examples.id(1),
            transfer: SupportTask.Transfer(direction: .toDepartment, location: "Ward 7, bed 12"),
            stockItemID: Examples.id(50), dueAt: Examples.now.addingTimeInterval(900))
    }
}

extension ClaimSupportTask.Command: APISchema {
    public static let schemaName = "ClaimSupportTask"
    public static let pathMembers = ["taskID"]
    public static var example: ClaimSupportTask.Command { .init(taskID: Examples.id(60)) }
}

extension ReleaseSupportTask.Command: APISchema {
    public static let schemaName = "ReleaseSupportTask"
    public static let pathMembers = ["taskID"]
    public static var example: ReleaseSupportTask.Command {
        .init(taskID: Examples.id(60), note: "Called to resus; back in 20 minutes")
    }
}

extension CompleteSupportTask.Command: APISchema {
    public static let schemaName = "CompleteSupportTask"
    public static let pathMembers = ["taskID"]
    public static var example: CompleteSupportTask.Command {
        .init(taskID: Examples.id(60), note: "Chlorine 1,000 ppm on all surfaces; curtains changed")
    }
}

extension CancelSupportTask.Command: APISchema {
    public static let schemaName = "CancelSupportTask"
    public static let pathMembers = ["taskID"]
    public static var example: CancelSupportTask.Command {
        .init(taskID: Examples.id(60), reason: "The ward brought the patient down themselves")
    }
}

extension WebApplication {
    static let taskListParameters: [QueryParameter] = [
        QueryParameter(
            "status",
            "Only tasks in these states, comma-separated (open, claimed, done, cancelled); default open,claimed"),
        QueryParameter(
            "kind", "Only these kinds, comma-separated (transfer, cleaning, chaperone, stock-top-up, other)"),
        QueryParameter("roomID", "Only this room's tasks", format: "uuid"),
        QueryParameter("examID", "Only this exam's tasks", format: "uuid"),
        QueryParameter("claimedBy", "Only tasks claimed by this username"),
        QueryParameter("mine", "true: only tasks claimed by the caller"),
        QueryParameter("newest", "true: latest asked for first (default: soonest due first)"),
        QueryParameter("limit", "At most this many (1 to 1000, default 200)"),
    ]

    /// The support workers' task board (issue 14): list with filters, ask for a task, and claim, release, mark done
    /// and cancel one, through the same use cases as the board page.
    static var taskRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/tasks", id: "listTasks",
                summary: "The task board: active tasks most pressing first, then finished ones, with names",
                tag: "Tasks", access: .permission(.viewTasks), query: taskListParameters, body: NoBody.self,
                response: [SupportTaskEntry].self, problems: [.unprocessableContent]
            ) { call, _ in
                try await call.department.viewSupportTasks(try taskQuery(call), by: call.actor)
            },
            .json(
                .post, "/api/tasks", id: "requestTask",
                summary: "Put a task on the board (transfer, room clean, chaperone, stock top-up, other)",
                tag: "Tasks", access: .permission(.requestTask), body: RequestSupportTask.Command.self,
                response: Outcome<SupportTask>.self, status: .created
            ) { call, command in
                try await call.department.requestSupportTask(command, by: call.actor)
            },
            .json(
                .get, "/api/tasks/{taskID}", id: "getTask", summary: "One task with its history and names",
                tag: "Tasks", access: .permission(.viewTasks), body: NoBody.self, response: SupportTaskEntry.self
            ) { call, _ in
                try await call.department.viewSupportTasks.task(try call.id("taskID"), by: call.actor)
            },
            .json(
                .post, "/api/tasks/{taskID}/claim", id: "claimTask",
                summary: "Claim an open task (claiming one's own again changes nothing)", tag: "Tasks",
                access: .permission(.workTasks), body: ClaimSupportTask.Command.self,
                response: Outcome<SupportTask>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.claimSupportTask(command, by: call.actor)
            },
            .json(
                .post, "/api/tasks/{taskID}/release", id: "releaseTask",
                summary: "Give a task one has claimed back to the board", tag: "Tasks",
                access: .permission(.workTasks), body: ReleaseSupportTask.Command.self,
                response: Outcome<SupportTask>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.releaseSupportTask(command, by: call.actor)
            },
            .json(
                .post, "/api/tasks/{taskID}/done", id: "completeTask",
                summary: "Mark a task done (a room clean is logged on the cleaning log; its note is the method)",
                tag: "Tasks", access: .permission(.workTasks), body: CompleteSupportTask.Command.self,
                response: Outcome<SupportTask>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.completeSupportTask(command, by: call.actor)
            },
            .json(
                .post, "/api/tasks/{taskID}/cancellation", id: "cancelTask",
                summary: "Take a task off the board with a reason", tag: "Tasks",
                access: .permission(.requestTask), body: CancelSupportTask.Command.self,
                response: Outcome<SupportTask>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.cancelSupportTask(command, by: call.actor)
            },
        ]
    }

    /// The board filter of `GET /api/tasks`, every wrong value named at once.
    static func taskQuery(_ call: APICall) throws -> SupportTaskQuery {
        var errors: [Problem.FieldError] = []
        var query = SupportTaskQuery()
        func list<Value: RawRepresentable & CaseIterable>(_ name: String, _: Value.Type) -> [Value]
        where Value.RawValue == String {
            guard let raw = call.query(name) else { return [] }
            var values: [Value] = []
            for part in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if let value = Value(rawValue: part) {
                    values.append(value)
                } else {
                    errors.append(
                        .init(
                            field: name,
                            problem: "'\(part)' is not one of "
                                + Value.allCases.map(\.rawValue).joined(separator: ", ")))
                }
            }
            return values
        }
        query.statuses = list("status", SupportTask.Status.self)
        if call.query("status") == nil { query.statuses = [.open, .claimed] }
        query.kinds = list("kind", SupportTask.Kind.self)
        query.roomID = call.queryUUID("roomID", errors: &errors)
        query.examID = call.queryUUID("examID", errors: &errors)
        query.claimedBy = call.query("claimedBy")
        switch call.query("mine") {
        case nil, "false": break
        case "true": query.claimedBy = try call.actor.username
        case let other?: errors.append(.init(field: "mine", problem: "'\(other)' is not true or false"))
        }
        switch call.query("newest") {
        case nil, "false": break
        case "true": query.newestFirst = true
        case let other?: errors.append(.init(field: "newest", problem: "'\(other)' is not true or false"))
        }
        query.limit = call.queryLimit(fallback: 200, maximum: ViewSupportTasks.maximumLimit, errors: &errors)
        guard errors.isEmpty else { throw Problem.invalid("The filters are not valid.", errors: errors) }
        return query
    }
}
