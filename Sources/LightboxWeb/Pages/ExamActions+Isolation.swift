import Foundation
import LightboxDomain

/// The exam page's isolation forms (DOMAIN.md "Infection control"): flag the patient with the precautions and the
/// reason, or clear the flag; both post to `FlagIsolation`, the use case behind `PUT /api/exams/{id}/isolation`.
extension ExamActions {
    /// The journey's steps where the flag still changes what staff do (before the patient has gone home).
    static let isolationStates: Set<ExamState> = [
        .requested, .returnedForInformation, .justified, .booked, .arrived, .checked, .inProgress, .completed,
        .imagesChecked,
    ]

    static let precautionChoices: [(String, String)] = IsolationPrecaution.allCases.map { ($0.rawValue, $0.label) }

    static func isolationForms(_ base: String, _ exam: Exam, _ context: Context, sent: (String) -> FormBody)
        -> [ActionForm]
    {
        guard isolationStates.contains(exam.state), context.policy.allows(context.role, .flagIsolation) else {
            return []
        }
        let form = sent("isolation")
        let current = exam.isolation
        // Other forms on the page have a note of their own: this one's id is its own.
        var note = FormField(
            "note", label: "Reason and what staff need to know", value: form["note"] ?? current?.note,
            hint: "For example: C. difficile, sporicidal clean after", multiline: true)
        note.id = "field-isolation-note"
        var forms = [
            ActionForm(
                id: "isolation", title: current == nil ? "Isolation" : "Change the isolation flag",
                intro: current == nil
                    ? "Flag the patient as on isolation: the room is cleaned after them before its next exam."
                    : "The patient is flagged: \(isolationText(current!)).",
                action: base + "/isolation", button: current == nil ? "Flag isolation" : "Update isolation flag",
                buttonStyle: "button--warning",
                groups: [
                    ActionForm.ChoiceGroup(
                        "precaution", legend: "Precautions", radio: true, choices: precautionChoices,
                        checked: Set(form.all("precaution").isEmpty ? [current?.precaution.rawValue ?? ""] : form.all("precaution")))
                ],
                fields: [note])
        ]
        if current != nil {
            forms.append(
                ActionForm(
                    id: "isolation-clear", title: "Clear the isolation flag",
                    intro: "Only when infection control says the precautions are no longer needed.",
                    action: base + "/isolation-clearance", button: "Clear isolation flag",
                    buttonStyle: "button--secondary"))
        }
        return forms
    }

    /// The flag as staff read it: "Contact precautions: C. difficile (flagged by b.walsh)".
    static func isolationText(_ flag: IsolationFlag) -> String {
        flag.precaution.label + (flag.note.map { ": \($0)" } ?? "") + " (flagged by \(flag.flaggedBy))"
    }
}
