import Foundation
import LightboxDomain

/// Contrast screening from the Pause and Check form (DOMAIN.md "Contrast screening"): each question answered
/// yes or no, the eGFR with the day it was measured, the agent, batch, volume and route. Whether the answers
/// let the exam go ahead (an eGFR recent enough, metformin stopped, a previous reaction reviewed) is
/// `RecordPauseAndCheck`'s to decide, as it is for the API.
extension ExamActionCommands {
    /// The screening's yes/no questions, as the form names them and as a refusal words them.
    static let contrastQuestions: [(name: String, question: String)] = [
        ("contrast.previousReaction", "whether the patient has reacted to contrast before"),
        ("contrast.allergiesOrAsthma", "whether the patient has allergies or asthma"),
        ("contrast.diabetes", "whether the patient has diabetes"),
        ("contrast.renalDisease", "whether the patient has renal disease"),
        ("contrast.knownLowEGFR", "whether a low eGFR is already known from the record"),
        ("contrast.onMetformin", "whether the patient takes metformin"),
    ]

    /// The screening the form sent, or nil when the form has no contrast section (an exam without contrast).
    static func contrastScreening(
        _ form: FormBody, timeZone: TimeZone, into problems: inout [FieldProblem]
    ) -> ContrastScreening? {
        guard form.pairs.contains(where: { $0.name.hasPrefix("contrast.") }) else { return nil }
        var answers: [String: Bool] = [:]
        for (name, question) in contrastQuestions {
            switch form[name] ?? "" {
            case "true": answers[name] = true
            case "false": answers[name] = false
            default: problems.append(FieldProblem(name, "answer \(question)", code: .contrastScreeningRequired))
            }
        }
        let value = number(form, "contrast.latestEGFR", into: &problems)
        var measuredAt: Date?
        if let text = form["contrast.eGFRDate"] {
            measuredAt = PageDates.parse(text, timeZone)
            if measuredAt == nil { problems.append(FieldProblem("contrast.eGFRDate", "enter a real date")) }
        }
        switch (value, form["contrast.eGFRDate"]) {
        case (.some, nil):
            problems.append(FieldProblem("contrast.eGFRDate", "enter the day the eGFR was measured"))
        case (nil, .some) where form["contrast.latestEGFR"] == nil:
            problems.append(FieldProblem("contrast.latestEGFR", "enter the eGFR measured on that day"))
        default: break
        }
        let volume = number(form, "contrast.volumeMillilitres", into: &problems)
        var stockBatchID: UUID?
        if let raw = form["contrast.stockBatchID"] {
            stockBatchID = UUID(uuidString: raw)
            if stockBatchID == nil {
                problems.append(FieldProblem("contrast.stockBatchID", "is not one of the batches in stock"))
            }
        }
        return ContrastScreening(
            previousReaction: answers["contrast.previousReaction"] ?? false,
            previousReactionReviewedBy: form["contrast.previousReactionReviewedBy"].flatMap(UUID.init(uuidString:)),
            allergiesOrAsthma: answers["contrast.allergiesOrAsthma"] ?? false,
            diabetes: answers["contrast.diabetes"] ?? false, renalDisease: answers["contrast.renalDisease"] ?? false,
            knownLowEGFR: answers["contrast.knownLowEGFR"] ?? false,
            latestEGFR: value.flatMap { value in measuredAt.map { EGFRResult(value: value, measuredAt: $0) } },
            onMetformin: answers["contrast.onMetformin"] ?? false,
            metforminStopped: form["contrast.metforminStopped"] == "true", agent: form["contrast.agent"],
            batch: form["contrast.batch"], volumeMillilitres: volume,
            route: form["contrast.route"].flatMap(ContrastRoute.init(rawValue:)), stockBatchID: stockBatchID)
    }
}
