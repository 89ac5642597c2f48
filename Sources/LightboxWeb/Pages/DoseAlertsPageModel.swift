import Foundation
import LightboxDomain

/// The physicist's dose alert queue (`/dose/alerts`): open alerts newest first (or every alert), each with what it
/// is, its arithmetic and its exam, and a form to acknowledge it with a comment, posted to `AcknowledgeDoseAlert`
/// (the use case of the API's acknowledgement route). A refused form comes back with the error summary at the top
/// linking to that alert's comment box.
struct DoseAlertsPageModel: PageModel {
    static let template = "dose-alerts"

    struct Row: Sendable, Equatable {
        var id: String
        var kind: String
        var examType: String
        var figure: String
        var detail: String
        var raised: String
        var examHref: String
        var isOpen: Bool
        var acknowledgement: String?
        var action: String
        var commentID: String
        var comment: String
        var error: String?
    }

    var layout: LayoutModel
    var showingAll: Bool
    var rows: [Row]
    var hasRows: Bool
    var canAcknowledge: Bool
    var errorSummary: ErrorSummary?

    init(
        layout: LayoutModel, alerts: [DoseAlert], showingAll: Bool, canAcknowledge: Bool, timeZone: TimeZone,
        refused: (alertID: UUID, comment: String, message: String)? = nil
    ) {
        self.layout = layout
        self.showingAll = showingAll
        self.canAcknowledge = canAcknowledge
        rows = alerts.map { alert in
            let id = alert.id.uuidString
            let mine = refused?.alertID == alert.id
            return Row(
                id: id, kind: alert.kind.label, examType: alert.examCode,
                figure: "\(alert.metric.label) \(DoseFormat.figure(alert.value, alert.metric)), above "
                    + DoseFormat.figure(alert.limit, alert.metric),
                detail: alert.detail, raised: DoseFormat.moment(alert.raisedAt, in: timeZone),
                examHref: "/exams/\(alert.examID.uuidString)", isOpen: alert.isOpen,
                acknowledgement: alert.acknowledgement.map {
                    "Acknowledged by \($0.username) on \(DoseFormat.moment($0.at, in: timeZone)): \($0.comment)"
                }, action: "/dose/alerts/\(id)/acknowledgement", commentID: "comment-\(id)",
                comment: mine ? refused?.comment ?? "" : "", error: mine ? refused?.message : nil)
        }
        hasRows = !rows.isEmpty
        errorSummary = refused.map { refused in
            ErrorSummary(items: [.init(href: "#comment-\(refused.alertID.uuidString)", message: refused.message)])
        }
    }
}
