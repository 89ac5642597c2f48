import Foundation
import LightboxDomain

/// One member of staff (issue 14): their details (changed through `UpdateStaffMember`), and their entitlements with
/// expiry, those expiring soon marked, each current one revocable with a reason (`RevokeEntitlement`), and a form
/// to grant another (`GrantEntitlement`): the API's use cases.
struct StaffMemberPageModel: PageModel {
    static let template = "admin-staff-member"

    struct EntitlementRow: Sendable, Equatable {
        var duty: String
        var scope: String
        var starts: String
        var expiry: String
        var tag: String?
        var supervision: String
        var evidence: String
        var revokeAction: String?
        var reasonID: String
        var reasonError: String?
    }

    var layout: LayoutModel
    var action: String
    var details: StaffPageModel.DetailsForm
    var active: Bool
    var entitlements: [EntitlementRow]
    var hasEntitlements: Bool
    var duty: FormField
    var modality: FormField
    var examCode: FormField
    var bodyRegion: FormField
    var starts: FormField
    var expires: FormField
    var supervisionRequired: Bool
    var trainingEvidence: FormField
    var errorSummary: ErrorSummary?

    /// Which of the page's forms was sent back with problems.
    enum Form: Sendable, Equatable {
        case details, grant, revoke(UUID)
    }

    init(
        layout: LayoutModel, member: StaffMember, entitlements: [Entitlement], warningDays: Int, now: Date,
        timeZone: TimeZone, form: FormBody? = nil, sent: Form? = nil, problems: [FieldProblem] = []
    ) {
        self.layout = layout
        action = "/admin/staff/\(member.id.uuidString)"
        let detailsProblems = sent == .details ? problems : []
        details = StaffPageModel.DetailsForm(
            member: member, form: sent == .details ? form : nil, problems: detailsProblems, timeZone: timeZone)
        active = sent == .details ? form?["active"] != nil : member.active
        let day = { (date: Date) in StaffRecordsPageModel.day(date, timeZone) }
        self.entitlements = entitlements.sorted {
            ($0.revokedAt != nil ? 1 : 0, $0.starts) < ($1.revokedAt != nil ? 1 : 0, $1.starts)
        }
        .map { entitlement in
            var expiry = entitlement.expires.map {
                StaffPageModel.expiry($0, warningDays: warningDays, now: now, timeZone: timeZone)
            }
            var tag: String? =
                expiry?.warning == true ? (entitlement.expires.map { $0 <= now } == true ? "red" : "orange") : nil
            if let revoked = entitlement.revokedAt {
                expiry = ("revoked " + day(revoked) + (entitlement.revocationReason.map { ": \($0)" } ?? ""), true)
                tag = "grey"
            }
            let current = entitlement.revokedAt == nil && (entitlement.expires.map { $0 > now } ?? true)
            let revokeProblem: String? =
                sent == .revoke(entitlement.id) ? problems.first { $0.field == "reason" }?.problem : nil
            return EntitlementRow(
                duty: entitlement.duty.pageLabel, scope: entitlement.scope.pageSummary, starts: day(entitlement.starts),
                expiry: expiry?.text ?? "does not expire", tag: tag,
                supervision: entitlement.supervisionRequired ? "Under supervision" : "Alone",
                evidence: entitlement.trainingEvidence,
                revokeAction: current
                    ? "/admin/staff/\(member.id.uuidString)/entitlements/\(entitlement.id.uuidString)/revocation" : nil,
                reasonID: "reason-\(entitlement.id.uuidString)", reasonError: revokeProblem)
        }
        hasEntitlements = !self.entitlements.isEmpty
        let grantForm = sent == .grant ? form : nil
        let error = { (field: String) in sent == .grant ? problems.first { $0.field == field }?.problem : nil }
        duty = .select(
            "duty", label: "Duty", choices: [("", "Choose a duty")] + Duty.allCases.map { ($0.rawValue, $0.pageLabel) },
            value: grantForm?["duty"], error: error("duty"))
        modality = .select(
            "scope.modality", label: "Modality",
            choices: [("", "Any")] + Modality.allCases.map { ($0.rawValue, $0.pageLabel) },
            value: grantForm?["scope.modality"], error: error("scope.modality") ?? error("scope"))
        examCode = FormField(
            "scope.examCode", label: "Exam code (optional)", value: grantForm?["scope.examCode"],
            hint: "Only this exam of the catalogue", error: error("scope.examCode"), width: "10")
        bodyRegion = .select(
            "scope.bodyRegion", label: "Body region",
            choices: [("", "Any")]
                + BodyRegion.allCases.map { ($0.rawValue, $0.label) },
            value: grantForm?["scope.bodyRegion"], error: error("scope.bodyRegion"))
        starts = FormField(
            "starts", label: "Starts", value: grantForm?["starts"] ?? PageDates.iso(now, timeZone),
            hint: "For example 2026-12-07", error: error("starts"), type: "date", width: "10")
        expires = FormField(
            "expires", label: "Expires (optional)", value: grantForm?["expires"], hint: "Leave empty for no expiry",
            error: error("expires"), type: "date", width: "10")
        supervisionRequired = grantForm?["supervisionRequired"] != nil
        trainingEvidence = FormField(
            "trainingEvidence", label: "Training evidence", value: grantForm?["trainingEvidence"],
            hint: "The training or competence assessment behind the entitlement", error: error("trainingEvidence"),
            multiline: true)
        var fields = details.all
        var general: [String] = []
        switch sent {
        case .details:
            let known = Set(fields.map(\.name))
            general = problems.filter { !known.contains($0.field) }.map(\.problem)
        case .grant:
            fields = [duty, modality, examCode, bodyRegion, starts, expires, trainingEvidence]
            let known = Set(fields.map(\.name) + ["scope"])
            general = problems.filter { !known.contains($0.field) }.map(\.problem)
        case .revoke(let id):
            var reason = FormField("reason", label: "Reason", error: problems.first?.problem)
            reason.id = "reason-\(id.uuidString)"
            fields = [reason]
        case nil:
            fields = []
        }
        errorSummary = ErrorSummary(fields: fields, general: general)
    }

    /// The grant from the form, or the problems with it.
    static func grantCommand(_ form: FormBody, staffID: UUID, timeZone: TimeZone) -> (
        GrantEntitlement.Command?, [FieldProblem]
    ) {
        var problems: [FieldProblem] = []
        let duty = form["duty"].flatMap(Duty.init(rawValue:))
        if duty == nil { problems.append(FieldProblem("duty", "choose a duty")) }
        let starts = form["starts"].flatMap { PageDates.parse($0, timeZone) }
        if starts == nil { problems.append(FieldProblem("starts", "enter the start date as YYYY-MM-DD")) }
        var expires: Date?
        if let text = form["expires"] {
            expires = PageDates.parse(text, timeZone)
            if expires == nil { problems.append(FieldProblem("expires", "enter the expiry date as YYYY-MM-DD")) }
        }
        let scope = ExamScope(
            modality: form["scope.modality"].flatMap(Modality.init(rawValue:)),
            examCode: form["scope.examCode"]?.uppercased(),
            bodyRegion: form["scope.bodyRegion"].flatMap(BodyRegion.init(rawValue:)))
        guard let duty, let starts, problems.isEmpty else { return (nil, problems) }
        return (
            GrantEntitlement.Command(
                staffID: staffID, duty: duty, scope: scope, starts: starts, expires: expires,
                supervisionRequired: form["supervisionRequired"] != nil,
                trainingEvidence: form["trainingEvidence"] ?? ""),
            []
        )
    }
}
