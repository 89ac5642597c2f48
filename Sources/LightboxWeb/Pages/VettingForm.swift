import Foundation
import LightboxDomain

/// The vetting form on an exam waiting to be justified: justify, reject, return for information or
/// change the exam, each with its reason; an operator authorises under a named guideline version.
struct VettingForm: Sendable, Equatable {
    struct Choice: Sendable, Equatable {
        var id: String
        var value: String
        var label: String
        var hint: String
        var checked: Bool
    }

    var action: String
    var errorSummary: ErrorSummary?
    var decisionError: String?
    var decisions: [Choice]
    var reason: FormField
    var newExam: FormField
    var newLaterality: FormField
    var guidelineID: FormField
    var guidelineVersion: FormField

    init(
        examID: UUID, catalogue: [CatalogueEntry], form: FormBody = FormBody(pairs: []), problems: [FieldProblem] = [],
        general: [String] = []
    ) {
        action = "/exams/\(examID.uuidString)/justification"
        func error(_ names: String...) -> String? {
            problems.first { problem in
                names.contains(problem.field) || names.contains { problem.field.hasPrefix($0 + ".") }
            }.map(\.problem)
        }
        let chosen = form["decision"]
        decisionError = error("decision").map { "Decision: \($0)" }
        decisions = [
            (JustificationDecision.accept, "Justify", "The exposure is justified as requested."),
            (.reject, "Reject", "Not justified: say why for the referrer."),
            (.requestInformation, "Return for information", "Ask the referrer for what is missing."),
            (.changeExam, "Change the exam", "Justify a different exam instead, and say why."),
        ].map { decision, label, hint in
            Choice(
                id: "decision-\(decision.rawValue)", value: decision.rawValue, label: label, hint: hint,
                checked: chosen == decision.rawValue)
        }
        reason = FormField(
            "reason", label: "Reason", value: form["reason"],
            hint: "Needed to reject, return for information or change the exam",
            error: error("reason").map { "Reason: \($0)" }, multiline: true)
        newExam = .select(
            "newExamCode", label: "New exam (when changing the exam)",
            choices: [("", "Choose an exam")] + catalogue.map { ($0.code, "\($0.name) (\($0.code))") },
            value: form["newExamCode"] ?? "", error: error("newExamCode").map { "New exam: \($0)" })
        newLaterality = .select(
            "newLaterality", label: "Side of the new exam",
            choices: [("", "Not applicable"), ("left", "Left"), ("right", "Right"), ("bilateral", "Both sides")],
            value: form["newLaterality"] ?? "", error: error("newLaterality").map { "Side: \($0)" })
        guidelineID = FormField(
            "guideline.id", label: "Guideline (operators authorising only)", value: form["guideline.id"],
            hint: "The practitioner's written guideline you authorise under",
            error: error("guideline").map { "Guideline: \($0)" },
            width: "10")
        guidelineVersion = FormField(
            "guideline.version", label: "Guideline version", value: form["guideline.version"],
            error: error("guideline.version").map { "Guideline version: \($0)" }, width: "10")
        var fields = [reason, newExam, newLaterality, guidelineID, guidelineVersion]
        if let decisionError {
            var decision = FormField("decision", label: "Decision", error: decisionError)
            decision.id = "decision-accept"
            fields.insert(decision, at: 0)
        }
        let known = [
            "decision", "reason", "newExamCode", "newLaterality", "guideline", "guideline.id", "guideline.version",
        ]
        let other = problems.filter { problem in !known.contains(where: { problem.field == $0 }) }.map {
            "\($0.field): \($0.problem)"
        }
        errorSummary = ErrorSummary(fields: fields, general: general + other)
    }

    /// The use case's command from the form, or the problems the form itself shows.
    static func command(examID: UUID, form: FormBody) -> (JustifyRequest.Command?, [FieldProblem]) {
        guard let raw = form["decision"], let decision = JustificationDecision(rawValue: raw) else {
            return (
                nil, [FieldProblem("decision", "choose justify, reject, return for information or change the exam")]
            )
        }
        var guideline: GuidelineReference?
        if let id = form["guideline.id"] {
            guard let version = form["guideline.version"] else {
                return (nil, [FieldProblem("guideline.version", "give the version of the guideline")])
            }
            guideline = GuidelineReference(id: id, version: version)
        }
        return (
            JustifyRequest.Command(
                examID: examID, decision: decision, guideline: guideline, newExamCode: form["newExamCode"],
                newLaterality: form["newLaterality"].flatMap(Laterality.init(rawValue:)), reason: form["reason"]),
            []
        )
    }
}
