import Foundation
import LightboxDomain

/// One incident's page (issue 17): what happened and who was involved; the investigation with its form; the
/// duty-of-candour contacts with theirs; the dose incident (SAUE) case linked, or the forms to open or link one where
/// the category involves an exposure; and the closure. Each form posts to the use case its API route calls; a
/// refused form comes back with the error summary at the top linking to each wrong field.
struct IncidentPageModel: PageModel {
    static let template = "incident"

    /// The page's forms, by the path segment each posts to.
    enum Form: String, Sendable {
        case investigation
        case contacts
        case saue
        case closure
    }

    struct Contact: Sendable, Equatable {
        var party: String
        var name: String
        var contactedAt: String
        var by: String
        var method: String
        var notes: String
    }

    struct SAUESummary: Sendable, Equatable {
        var reference: String
        var status: String
        var proposal: String
        var href: String
    }

    var layout: LayoutModel
    var errorSummary: ErrorSummary?
    var heading: String
    var rows: [SummaryRow]
    var patientHref: String?
    var investigationRows: [SummaryRow]
    var hasInvestigation: Bool
    var contacts: [Contact]
    var hasContacts: Bool
    var outstanding: String?
    var saue: SAUESummary?
    /// The forms, each shown only to those who may use it while the incident is open.
    var canManage: Bool
    var canLinkSAUE: Bool
    var investigationAction: String
    var investigationFields: [FormField]
    var contactAction: String
    var contactFields: [FormField]
    var saueAction: String
    var saueFields: [FormField]
    var saueLinkFields: [FormField]
    var hasSAUECases: Bool
    var closureAction: String
    var closureFields: [FormField]

    init(
        layout: LayoutModel, detail: IncidentDetail, staff: [StaffMember], saueCases: [SAUECase],
        categories: [IncidentCategory],
        canManage: Bool, canLinkSAUE: Bool, actorStaffID: UUID?, now: Date, timeZone: TimeZone,
        failed: Form? = nil, form: FormBody = FormBody(pairs: []), problems: [FieldProblem] = [],
        general: [String] = []
    ) {
        self.layout = layout
        let incident = detail.incident
        let format = PageFormat(timeZone)
        let open = incident.status != .closed
        heading = "\(incident.reference) · \(incident.categoryLabel)"
        var rows = [
            SummaryRow("Kind", incident.kind.label), SummaryRow("Status", incident.status.label),
            SummaryRow("Category", incident.categoryLabel),
            SummaryRow("Happened", format.dateTime(incident.occurredAt)),
        ]
        if let room = incident.roomName { rows.append(SummaryRow("Room", room)) }
        if let exam = incident.examName {
            rows.append(SummaryRow("Exam", "\(exam) (\(incident.accessionNumber ?? ""))"))
        }
        if let patient = detail.patient {
            rows.append(
                SummaryRow(
                    "Patient",
                    patient.name.display + (patient.nhsNumber.map { ", NHS number \($0.digits)" } ?? "")))
        }
        if !incident.staff.isEmpty {
            rows.append(SummaryRow("Staff involved", incident.staff.map(\.name).joined(separator: ", ")))
        }
        rows += [
            SummaryRow("Reported", "\(format.dateTime(incident.reportedAt)) by \(incident.reportedBy)"),
            SummaryRow("What happened", incident.whatHappened),
            SummaryRow("Immediate actions", incident.immediateActions),
        ]
        self.rows = rows
        patientHref = detail.patient.map { "/patients/\($0.id.uuidString)" }
        var investigationRows: [SummaryRow] = []
        if let investigation = incident.investigation {
            investigationRows.append(SummaryRow("Owner", investigation.ownerName))
            investigationRows.append(SummaryRow("Findings", investigation.findings ?? "Not yet recorded"))
            investigationRows.append(SummaryRow("Actions", investigation.actions ?? "Not yet recorded"))
            if let closure = investigation.closure, let closedAt = investigation.closedAt {
                investigationRows.append(SummaryRow("Closure", closure))
                investigationRows.append(
                    SummaryRow("Closed", "\(format.dateTime(closedAt)) by \(investigation.closedBy ?? "")"))
            }
            if let reason = investigation.candourNotNeededReason {
                investigationRows.append(SummaryRow("Why not everyone was told", reason))
            }
        }
        self.investigationRows = investigationRows
        hasInvestigation = incident.investigation != nil
        contacts = incident.contacts.map {
            Contact(
                party: $0.party.label, name: $0.contactName ?? "", contactedAt: format.dateTime($0.contactedAt),
                by: $0.contactedByName, method: $0.method, notes: $0.notes ?? "")
        }
        hasContacts = !contacts.isEmpty
        let owed = incident.candourOutstanding
        outstanding =
            owed.isEmpty ? nil : "Not yet told: " + owed.map(\.phrase).joined(separator: ", ")
        saue = detail.saueCase.map {
            SAUESummary(
                reference: $0.reference, status: $0.status.label,
                proposal: $0.proposal.proposed.map { "Code \($0.code): \($0.label)" } ?? "Not notifiable",
                href: "/dose/incidents#case-\($0.id.uuidString)")
        }
        self.canManage = canManage && open
        let involvesExposure = categories.first { $0.code == incident.category }?.involvesExposure ?? false
        self.canLinkSAUE = canLinkSAUE && open && detail.saueCase == nil && involvesExposure
        let base = "/incidents/\(incident.id.uuidString)/"
        investigationAction = base + Form.investigation.rawValue
        contactAction = base + Form.contacts.rawValue
        saueAction = base + Form.saue.rawValue
        closureAction = base + Form.closure.rawValue

        func value(_ which: Form, _ name: String) -> String? { failed == which ? form[name] : nil }
        func error(_ which: Form, _ names: String...) -> String? {
            guard failed == which else { return nil }
            return problems.first { names.contains($0.field) }.map { "\(Self.label($0.field)) \($0.problem)" }
        }
        let staffChoices = staff.filter(\.active).map { ($0.id.uuidString, $0.displayName) }
        investigationFields = [
            .select(
                "ownerStaffID", label: Self.label("ownerStaffID"),
                choices: [("", "Choose a member of staff")] + staffChoices,
                value: value(.investigation, "ownerStaffID") ?? incident.investigation?.ownerStaffID.uuidString,
                error: error(.investigation, "ownerStaffID")),
            FormField(
                "findings", label: Self.label("findings"),
                value: value(.investigation, "findings") ?? incident.investigation?.findings,
                error: error(.investigation, "findings"), multiline: true),
            FormField(
                "actions", label: Self.label("actions"),
                value: value(.investigation, "actions") ?? incident.investigation?.actions,
                hint: "Who does what, by when", error: error(.investigation, "actions"), multiline: true),
        ]
        contactFields = [
            .select(
                "party", label: Self.label("party"), choices: CandourParty.allCases.map { ($0.rawValue, $0.label) },
                value: value(.contacts, "party") ?? owed.first?.rawValue, error: error(.contacts, "party")),
            FormField(
                "contactName", label: Self.label("contactName"), value: value(.contacts, "contactName"),
                hint: "The referrer's and practitioner's names are taken from the exam when left empty",
                error: error(.contacts, "contactName")),
            FormField(
                "contactedAt", label: Self.label("contactedAt"),
                value: value(.contacts, "contactedAt") ?? Self.inputMoment(now, timeZone),
                error: error(.contacts, "contactedAt"), type: "datetime-local"),
            .select(
                "contactedByStaffID", label: Self.label("contactedByStaffID"),
                choices: [("", "Choose a member of staff")] + staffChoices,
                value: value(.contacts, "contactedByStaffID") ?? actorStaffID?.uuidString,
                error: error(.contacts, "contactedByStaffID")),
            FormField(
                "method", label: Self.label("method"), value: value(.contacts, "method"),
                hint: "In person, by telephone, by letter", error: error(.contacts, "method")),
            FormField(
                "notes", label: Self.label("notes"), value: value(.contacts, "notes"), error: error(.contacts, "notes"),
                multiline: true),
        ]
        saueFields = [
            .select(
                "exposureKind", label: Self.label("exposureKind"),
                choices: SAUEIncidentKind.allCases.map { ($0.rawValue, $0.label) },
                value: value(.saue, "exposureKind"), error: error(.saue, "exposureKind", "exposure.kind")),
            FormField(
                "intendedDose", label: Self.label("intendedDose"), value: value(.saue, "intendedDose"),
                hint: "Effective dose, mSv",
                error: error(.saue, "intendedDose", "incident.intendedEffectiveDoseMilliSievert"),
                width: "10"),
            FormField(
                "totalDose", label: Self.label("totalDose"), value: value(.saue, "totalDose"),
                hint: "Intended plus extra plus repeats, mSv",
                error: error(.saue, "totalDose", "incident.totalEffectiveDoseMilliSievert"),
                width: "10"),
            FormField(
                "foetalDose", label: Self.label("foetalDose"), value: value(.saue, "foetalDose"),
                hint: "mGy, when the patient was pregnant",
                error: error(.saue, "foetalDose", "incident.foetalDoseMilliGray"), width: "10"),
            FormField(
                "summary", label: Self.label("summary"), value: value(.saue, "summary"),
                hint: "It goes in the notification: do not name the patient", error: error(.saue, "summary"),
                multiline: true),
        ]
        let linkable = saueCases.filter { saueCase in
            saueCase.examID == nil || incident.examID == nil || saueCase.examID == incident.examID
        }
        saueLinkFields = [
            .select(
                "saueCaseID", label: Self.label("saueCaseID"),
                choices: linkable.map { ($0.id.uuidString, "\($0.reference): \($0.examName ?? $0.summary)") },
                value: value(.saue, "saueCaseID"), error: error(.saue, "saueCaseID"))
        ]
        hasSAUECases = !linkable.isEmpty
        closureFields = [
            FormField(
                "closure", label: Self.label("closure"), value: value(.closure, "closure"),
                hint: "What was concluded and the learning shared", error: error(.closure, "closure"),
                multiline: true),
            FormField(
                "candourNotNeededReason", label: Self.label("candourNotNeededReason"),
                value: value(.closure, "candourNotNeededReason"),
                hint: outstanding.map { "\($0). Needed only while someone has not been told." },
                error: error(.closure, "candourNotNeededReason"), multiline: true),
        ]
        let all = investigationFields + contactFields + saueFields + saueLinkFields + closureFields
        errorSummary = ErrorSummary(
            fields: all,
            general: general
                + problems.filter { !Self.fieldNames.contains($0.field) }.map {
                    "\(Self.label($0.field)) \($0.problem)"
                })
    }

    /// The problem fields the forms show beside a control (the rest go in the summary alone).
    static let fieldNames: Set<String> = [
        "ownerStaffID", "findings", "actions", "party", "contactName", "contactedAt", "contactedByStaffID", "method",
        "notes", "exposureKind", "exposure.kind", "intendedDose", "incident.intendedEffectiveDoseMilliSievert",
        "totalDose", "incident.totalEffectiveDoseMilliSievert", "foetalDose", "incident.foetalDoseMilliGray",
        "summary", "saueCaseID", "closure", "candourNotNeededReason",
    ]

    static func label(_ name: String) -> String {
        switch name {
        case "ownerStaffID": "Investigation owner"
        case "findings": "Findings"
        case "actions": "Actions agreed"
        case "party": "Who was told"
        case "contactName": "Name of the person told"
        case "contactedAt": "When they were told"
        case "contactedByStaffID": "Told by"
        case "method": "How they were told"
        case "notes": "Notes (optional)"
        case "exposureKind", "exposure.kind": "Kind of exposure"
        case "intendedDose", "incident.intendedEffectiveDoseMilliSievert": "Intended dose"
        case "totalDose", "incident.totalEffectiveDoseMilliSievert": "Total dose of the incident"
        case "incident.patientAgeYears": "Patient's age"
        case "foetalDose", "incident.foetalDoseMilliGray": "Foetal dose (optional)"
        case "summary": "Summary for the notification"
        case "saueCaseID": "Dose incident case"
        case "closure": "Conclusion"
        case "candourNotNeededReason": "Why anyone not told need not be"
        default: name
        }
    }

    /// A `datetime-local` value (YYYY-MM-DDTHH:MM, or with a space) in the department's zone.
    static func moment(_ text: String, _ timeZone: TimeZone) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        let normalised = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = pattern
            if let date = formatter.date(from: normalised) { return date }
        }
        return nil
    }

    /// `date` as a `datetime-local` value in the department's zone.
    static func inputMoment(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }
}
