import Foundation
import LightboxDomain

/// The dose incidents page: every SAUE case with the classifier's proposal and its arithmetic, where it stands, and,
/// for the clinical scientist, the form to confirm or override a proposal with a reason.
struct SAUECasesPageModel: PageModel {
    static let template = "saue-cases"

    struct Finding: Sendable, Equatable {
        var text: String
        var met: Bool
    }

    struct Option: Sendable, Equatable {
        var value: String
        var label: String
    }

    struct Row: Sendable, Equatable {
        var id: String
        var reference: String
        var occurredOn: String
        var examType: String
        var kind: String
        var summary: String
        var proposal: String
        var findings: [Finding]
        var status: String
        var awaiting: Bool
        var decision: String?
        var reviewAction: String
        var options: [Option]
        /// The refusal of this case's review form, when it was just refused.
        var error: String?
    }

    var layout: LayoutModel
    var rows: [Row]
    var hasRows: Bool
    var canReview: Bool

    init(layout: LayoutModel, cases: [SAUECase], canReview: Bool, refused: (caseID: UUID, message: String)? = nil) {
        self.layout = layout
        self.canReview = canReview
        let options =
            [Option(value: "not-notifiable", label: "Not notifiable")]
            + SAUECriterion.allCases.map { Option(value: $0.rawValue, label: "Code \($0.code): \($0.label)") }
        rows = cases.map { saueCase in
            let decision = saueCase.review.map { review in
                let outcome = review.criterion.map { "code \($0.code), \($0.label.lowercased())" } ?? "not notifiable"
                return "\(review.decision.label) by \(review.reviewedByName): \(outcome)"
                    + (review.reason.map { ". \($0)" } ?? "")
            }
            return Row(
                id: saueCase.id.uuidString, reference: saueCase.reference, occurredOn: saueCase.occurredOn.iso,
                examType: saueCase.examName ?? "No exam", kind: saueCase.incident.kind.label,
                summary: saueCase.summary,
                proposal: saueCase.proposal.proposed.map { "Code \($0.code): \($0.label)" } ?? "Not notifiable",
                findings: saueCase.proposal.findings.map { Finding(text: $0.arithmetic, met: $0.met) },
                status: saueCase.status.label, awaiting: saueCase.status == .awaitingReview, decision: decision,
                reviewAction: "/dose/incidents/\(saueCase.id.uuidString)/review", options: options,
                error: refused?.caseID == saueCase.id ? refused?.message : nil)
        }
        hasRows = !rows.isEmpty
    }

    /// The review form's command: confirm, or override to the chosen outcome; nil with the problem when the form
    /// names no decision or an unknown outcome.
    static func command(caseID: UUID, form: FormBody) -> (ReviewSAUE.Command?, String?) {
        let reason = form["reason"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        let reasonText = reason?.isEmpty == false ? reason : nil
        switch form["decision"] {
        case "confirmed":
            return (ReviewSAUE.Command(caseID: caseID, decision: .confirmed, reason: reasonText), nil)
        case "overridden":
            let outcome = form["outcome"] ?? ""
            if outcome == "not-notifiable" {
                return (
                    ReviewSAUE.Command(caseID: caseID, decision: .overridden, notifiable: false, reason: reasonText),
                    nil
                )
            }
            guard let criterion = SAUECriterion(rawValue: outcome) else {
                return (nil, "Choose the outcome the proposal is overridden to.")
            }
            return (
                ReviewSAUE.Command(
                    caseID: caseID, decision: .overridden, notifiable: true, criterion: criterion, reason: reasonText),
                nil
            )
        default:
            return (nil, "Choose whether to confirm or override the proposal.")
        }
    }
}
