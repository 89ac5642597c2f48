import Foundation
import LightboxDomain

/// The support workers' task board (issue 14): the tasks still to be done, most pressing first, each with the
/// actions this person may take on it (claim, release, done, cancel), the tasks finished lately, and, for those who
/// ask for tasks, the form to put one on the board. The active list is a live region: a task asked for anywhere
/// appears on every open board within a second.
struct TaskBoardPageModel: PageModel {
    static let template = "tasks"

    /// One task on the board.
    struct TaskRow: Sendable, Equatable {
        var id: String
        var anchor: String
        var kind: String
        var priority: String
        var priorityTag: String
        var details: String
        var patient: String?
        var exam: String?
        var transfer: String?
        var stockItem: String?
        var room: String
        var requested: String
        var due: String
        var overdue: Bool
        var status: String
        var statusTag: String
        var finished: String?
        var canClaim: Bool
        var canRelease: Bool
        var canDone: Bool
        var canCancel: Bool
        var doneButton: String
        var noteField: FormField
        var reasonField: FormField
        var hasActions: Bool
        /// A clean after an isolation patient: the precautions, so the support worker cleans for them.
        var isolation: String? = nil
    }

    /// A task refused on its row: which form and what was wrong, shown again there and in the summary.
    struct Refused: Sendable {
        var taskID: UUID
        var form: String
        var field: String
        var message: String
        var value: String?
    }

    var layout: LayoutModel
    var intro: String
    var rows: [TaskRow]
    var hasRows: Bool
    var countText: String
    var finished: [TaskRow]
    var hasFinished: Bool
    var kindChoices: [FormField.Option]
    var filterKind: String
    var mineOnly: Bool
    var canRequest: Bool
    var requestFields: [FormField]
    var errorSummary: ErrorSummary?
    var liveSource: String?
    var csrfToken: String

    /// The kinds a task can be asked for on the board (transfers and chaperones are asked from the exam page).
    static let requestKinds: [SupportTask.Kind] = [.cleaning, .other]
    /// The request form's field names, as `RequestSupportTask` names its fields.
    static let requestNames = ["kind", "priority", "roomID", "details", "dueAt"]

    init(
        layout: LayoutModel, entries: [SupportTaskEntry], actor: Actor, policy: AccessPolicy, rooms: [Room],
        filterKind: SupportTask.Kind?, mineOnly: Bool, now: Date, configuration: DepartmentConfiguration,
        livePosition: String?, request: (form: FormBody, problems: [FieldProblem], general: [String])? = nil,
        refused: Refused? = nil
    ) {
        self.layout = layout
        csrfToken = layout.csrfToken
        let format = PageFormat(configuration.timeZone)
        let mayWork = policy.allows(actor.role, .workTasks)
        let mayRequest = policy.allows(actor.role, .requestTask)
        func row(_ entry: SupportTaskEntry) -> TaskRow {
            Self.row(entry, actor: actor, policy: policy, format: format, now: now, refused: refused)
        }
        let active = entries.filter { $0.task.status.isActive }
        rows = active.map(row)
        hasRows = !rows.isEmpty
        let overdue = active.filter { $0.task.isOverdue(at: now) }.count
        countText =
            (active.count == 1 ? "1 task to do" : "\(active.count) tasks to do")
            + (overdue > 0 ? ", \(overdue) overdue" : "")
        finished = entries.filter { !$0.task.status.isActive }.prefix(Self.finishedShown).map(row)
        hasFinished = !finished.isEmpty
        intro =
            mayWork
            ? "Claim a task to show it is yours, and mark it done when it is. New tasks appear here as they are asked for."
            : "Tasks for the support workers: patient transfers, room cleans, chaperones and stock top-ups."
        kindChoices =
            [FormField.Option(value: "", label: "All kinds", selected: filterKind == nil)]
            + SupportTask.Kind.allCases.map {
                FormField.Option(value: $0.rawValue, label: $0.label, selected: $0 == filterKind)
            }
        self.filterKind = filterKind?.rawValue ?? ""
        self.mineOnly = mineOnly
        canRequest = mayRequest
        let sent = request?.form ?? FormBody(pairs: [])
        let problems = request?.problems ?? []
        func error(_ name: String) -> String? {
            let found = problems.filter { $0.field == name || $0.field.hasPrefix(name + ".") }
            guard !found.isEmpty else { return nil }
            return "\(Self.label(name)) " + found.map(\.problem).joined(separator: "; ")
        }
        requestFields = [
            .select(
                "kind", label: "What is needed",
                choices: Self.requestKinds.map { ($0.rawValue, $0.label) }, value: sent["kind"],
                error: error("kind")),
            .select(
                "priority", label: "How soon",
                choices: SupportTask.Priority.allCases.map { priority in
                    (
                        priority.rawValue,
                        "\(priority.label) (within \(configuration.supportTaskDueTimes.minutes(for: priority)) minutes)"
                    )
                }, value: sent["priority"] ?? SupportTask.Priority.soon.rawValue, error: error("priority")),
            .select(
                "roomID", label: "Room",
                choices: [("", "No particular room")] + rooms.map { ($0.id.uuidString, $0.name) },
                value: sent["roomID"], error: error("roomID")),
            FormField(
                "details", label: "What to do", value: sent["details"],
                hint: "For example: restock the linen in the CT changing rooms", error: error("details"),
                multiline: true),
            FormField(
                "dueAt", label: "Needed by (optional)", value: sent["dueAt"],
                hint: "Leave empty for the time its priority gives", error: error("dueAt"), type: "datetime-local",
                width: "10"),
        ]
        var summary: [ErrorSummary.Item] = []
        if let request {
            summary += request.general.map { ErrorSummary.Item(href: "#request-task", message: $0) }
            summary += requestFields.compactMap { field in
                field.error.map { ErrorSummary.Item(href: "#" + field.id, message: $0) }
            }
            summary += problems.filter { problem in !Self.requestNames.contains { problem.field.hasPrefix($0) } }
                .map { ErrorSummary.Item(href: "#request-task", message: "\($0.field) \($0.problem)") }
        }
        if let refused {
            let target =
                refused.form == "done"
                ? "task-\(refused.taskID.uuidString)-note"
                : refused.form == "cancellation"
                    ? "task-\(refused.taskID.uuidString)-reason"
                    : "task-\(refused.taskID.uuidString)"
            summary.append(ErrorSummary.Item(href: "#" + target, message: refused.message))
        }
        errorSummary = summary.isEmpty ? nil : ErrorSummary(items: summary)
        liveSource = livePosition.map { "/live?after=\($0)" }
    }

    /// One task's row, with the actions `actor` may take on it and a refusal shown on its form.
    static func row(
        _ entry: SupportTaskEntry, actor: Actor, policy: AccessPolicy, format: PageFormat, now: Date,
        refused: Refused? = nil
    ) -> TaskRow {
        let mayWork = policy.allows(actor.role, .workTasks)
        let mayRequest = policy.allows(actor.role, .requestTask)
        let task = entry.task
        let id = task.id.uuidString
        let mine = task.claimedBy == actor.username
        let noteName = "note"
        let isClean = task.kind == .cleaning && task.roomID != nil
        var noteField = FormField(
            noteName, label: isClean ? "How the room was cleaned" : "What was done (optional)",
            hint: isClean ? "Logged on the room's cleaning log" : nil)
        noteField.id = "task-\(id)-note"
        var reasonField = FormField("reason", label: "Why cancel it")
        reasonField.id = "task-\(id)-reason"
        if let refused, refused.taskID == task.id {
            if refused.form == "done" {
                noteField.error = refused.message
                noteField.value = refused.value ?? ""
            } else if refused.form == "cancellation" {
                reasonField.error = refused.message
                reasonField.value = refused.value ?? ""
            }
        }
        var transfer: String?
        if let move = task.transfer {
            transfer =
                move.direction == .toDepartment
                ? "From \(move.location) to \(entry.roomName ?? "the department")"
                : "From \(entry.roomName ?? "the department") back to \(move.location)"
        }
        let finishedText: String? =
            switch task.status {
            case .done:
                "Done by \(task.doneBy ?? "") at \(task.doneAt.map(format.dateTime) ?? "")"
                    + (task.outcome.map { ": \($0)" } ?? "")
            case .cancelled:
                "Cancelled by \(task.cancelledBy ?? "") at \(task.cancelledAt.map(format.dateTime) ?? "")"
                    + (task.cancelReason.map { ": \($0)" } ?? "")
            default: nil
            }
        let canClaim = mayWork && task.status == .open
        let canRelease = mayWork && task.status == .claimed && mine
        let canDone = mayWork && (task.status == .open || mine)
        let canCancel = mayRequest && task.status.isActive
        return TaskRow(
            id: id, anchor: "task-\(id)", kind: task.kind.label, priority: task.priority.label,
            priorityTag: task.priority == .urgent ? "red" : task.priority == .soon ? "orange" : "grey",
            details: task.details,
            patient: entry.patientName.map { name in
                name + (entry.patientIdentifier.map { " (\($0))" } ?? "")
            },
            exam: entry.examName.map { $0 + (entry.accessionNumber.map { ", \($0)" } ?? "") },
            transfer: transfer, stockItem: entry.stockItemName, room: entry.roomName ?? "",
            requested: "\(task.requestedBy)\(task.automatic ? " (raised automatically)" : ""), "
                + format.dateTime(task.requestedAt),
            due: format.dateTime(task.dueAt), overdue: task.isOverdue(at: now),
            status: task.status == .claimed ? "Claimed by \(task.claimedBy ?? "")" : task.status.label,
            statusTag: task.status == .open ? "blue" : task.status == .claimed ? "yellow" : "grey",
            finished: finishedText, canClaim: canClaim, canRelease: canRelease, canDone: canDone,
            canCancel: canCancel, doneButton: isClean ? "Cleaned: log it and mark done" : "Mark done",
            noteField: noteField, reasonField: reasonField,
            hasActions: canClaim || canRelease || canDone || canCancel,
            isolation: task.cleaningAfter.map { "Isolation: " + $0.precaution.label })
    }

    /// Finished tasks listed below the board.
    static let finishedShown = 20

    static func label(_ name: String) -> String {
        switch name {
        case "kind": "What is needed:"
        case "priority": "How soon:"
        case "roomID": "Room:"
        case "details": "What to do:"
        default: "Needed by:"
        }
    }
}
