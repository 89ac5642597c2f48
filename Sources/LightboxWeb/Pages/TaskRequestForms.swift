import Foundation
import LightboxDomain

/// The exam page's requests to the support workers' board (issue 14): a chaperone for the exam, and a porter or
/// ward transfer of its patient. Both post to `RequestSupportTask`, the use case `POST /api/tasks` calls.
enum TaskRequestForms {
    /// States in which a chaperone can still be needed.
    static let chaperoneStates: Set<ExamState> = [.booked, .arrived, .checked, .inProgress]
    /// States in which the patient may need moving to or from the department.
    static let transferStates: Set<ExamState> = [
        .justified, .booked, .arrived, .checked, .inProgress, .completed, .imagesChecked, .discharged,
    ]

    static let priorityChoices: [(String, String)] = SupportTask.Priority.allCases.map { ($0.rawValue, $0.label) }
    static let directionChoices: [(String, String)] = SupportTask.Direction.allCases.map { ($0.rawValue, $0.label) }

    /// The forms for `exam` this person may send, with what was sent on a refused one.
    static func forms(for exam: Exam, _ context: ExamActions.Context, sent: (String) -> FormBody) -> [ActionForm] {
        guard context.policy.allows(context.role, .requestTask) else { return [] }
        let base = "/exams/\(exam.id.uuidString)"
        var forms: [ActionForm] = []
        if chaperoneStates.contains(exam.state) {
            let form = sent("chaperone-request")
            forms.append(
                ActionForm(
                    id: "chaperone-request", title: "Ask for a chaperone",
                    intro: "A support worker is asked on the task board; it shows there at once.",
                    action: base + "/chaperone-request", button: "Ask for a chaperone",
                    buttonStyle: "button--secondary",
                    fields: [
                        .select(
                            "priority", label: "How soon", choices: priorityChoices,
                            value: form["priority"] ?? SupportTask.Priority.urgent.rawValue),
                        FormField(
                            "details", label: "Anything the chaperone should know (optional)",
                            value: form["details"], hint: "For example: the patient asked for a female chaperone",
                            multiline: true),
                    ]))
        }
        if transferStates.contains(exam.state) {
            let form = sent("transfer-request")
            forms.append(
                ActionForm(
                    id: "transfer-request", title: "Ask for a patient transfer",
                    intro:
                        "A porter or support worker fetches the patient or takes them back; it shows on the task board.",
                    action: base + "/transfer-request", button: "Ask for a transfer",
                    buttonStyle: "button--secondary",
                    fields: [
                        .select(
                            "transfer.direction", label: "Which way", choices: directionChoices,
                            value: form["transfer.direction"]
                                ?? ([.completed, .imagesChecked, .discharged].contains(exam.state)
                                    ? SupportTask.Direction.toWard.rawValue
                                    : SupportTask.Direction.toDepartment.rawValue)),
                        FormField(
                            "transfer.location", label: "Ward or place", value: form["transfer.location"],
                            hint: "For example: Ward 7, bed 12"),
                        .select(
                            "priority", label: "How soon", choices: priorityChoices,
                            value: form["priority"] ?? SupportTask.Priority.soon.rawValue),
                        FormField(
                            "details", label: "Anything the porter should know (optional)", value: form["details"],
                            hint: "For example: needs a hoist, on oxygen", multiline: true),
                    ]))
        }
        return forms
    }

    /// The chaperone request of the form.
    static func chaperone(_ examID: UUID, _ form: FormBody) -> ExamActionCommands.Parsed<RequestSupportTask.Command> {
        let (priority, problem) = self.priority(form)
        guard let priority else { return (nil, [problem].compactMap { $0 }) }
        return (
            RequestSupportTask.Command(kind: .chaperone, priority: priority, details: form["details"], examID: examID),
            []
        )
    }

    /// The transfer request of the form.
    static func transfer(_ examID: UUID, _ form: FormBody) -> ExamActionCommands.Parsed<RequestSupportTask.Command> {
        var problems: [FieldProblem] = []
        let (priority, problem) = self.priority(form)
        if let problem { problems.append(problem) }
        let direction = form["transfer.direction"].flatMap(SupportTask.Direction.init(rawValue:))
        if direction == nil { problems.append(FieldProblem("transfer.direction", "choose which way")) }
        guard let priority, let direction, problems.isEmpty else { return (nil, problems) }
        return (
            RequestSupportTask.Command(
                kind: .transfer, priority: priority, details: form["details"], examID: examID,
                transfer: SupportTask.Transfer(direction: direction, location: form["transfer.location"] ?? "")), []
        )
    }

    static func priority(_ form: FormBody) -> (SupportTask.Priority?, FieldProblem?) {
        guard let priority = form["priority"].flatMap(SupportTask.Priority.init(rawValue:)) else {
            return (nil, FieldProblem("priority", "choose how soon"))
        }
        return (priority, nil)
    }
}
