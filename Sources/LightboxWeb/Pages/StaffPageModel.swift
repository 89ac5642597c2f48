import Foundation
import LightboxDomain

/// The department's staff (issue 14): everyone with their profession and registration (expired or expiring
/// registrations marked), and a form to add a member of staff through `AddStaffMember`, the API's use case.
struct StaffPageModel: PageModel {
    static let template = "admin-staff"

    struct Row: Sendable, Equatable {
        var name: String
        var href: String
        var profession: String
        var jobTitle: String
        var registration: String
        var registrationWarning: Bool
        var active: Bool
    }

    /// The fields of a member of staff's details, shared by the add and change forms.
    struct DetailsForm: Sendable, Equatable {
        var family: FormField
        var given: FormField
        var prefix: FormField
        var profession: FormField
        var jobTitle: FormField
        var registrationBody: FormField
        var registrationNumber: FormField
        var registrationExpires: FormField

        var all: [FormField] {
            [family, given, prefix, profession, jobTitle, registrationBody, registrationNumber, registrationExpires]
        }

        init(member: StaffMember?, form: FormBody?, problems: [FieldProblem], timeZone: TimeZone) {
            let error = { (field: String) in problems.first { $0.field == field }?.problem }
            let value = { (name: String, stored: String?) in form.map { $0[name] ?? "" } ?? stored }
            family = FormField(
                "name.family", label: "Family name", value: value("name.family", member?.name.family),
                error: error("name.family"), width: "20")
            given = FormField(
                "name.given", label: "Given names",
                value: value("name.given", member?.name.given.joined(separator: " ")),
                error: error("name.given"), width: "20")
            prefix = FormField(
                "name.prefix", label: "Title (optional)", value: value("name.prefix", member?.name.prefix),
                hint: "For example Dr", error: error("name.prefix"), width: "10")
            profession = .select(
                "profession", label: "Profession",
                choices: [("", "Choose a profession")] + Profession.allCases.map { ($0.rawValue, $0.label) },
                value: value("profession", member?.profession.rawValue), error: error("profession"))
            jobTitle = FormField(
                "jobTitle", label: "Job title (optional)", value: value("jobTitle", member?.jobTitle),
                error: error("jobTitle"))
            registrationBody = FormField(
                "registration.body", label: "Registered with (for a regulated profession)",
                value: value("registration.body", member?.registration?.body), hint: "For example HCPC or GMC",
                error: error("registration.body"), width: "10")
            registrationNumber = FormField(
                "registration.number", label: "Registration number",
                value: value("registration.number", member?.registration?.number), error: error("registration.number"),
                width: "10")
            registrationExpires = FormField(
                "registration.expires", label: "Registration expires",
                value: value("registration.expires", member?.registration.map { PageDates.iso($0.expires, timeZone) }),
                hint: "For example 2027-03-31", error: error("registration.expires"), type: "date", width: "10")
        }
    }

    var layout: LayoutModel
    var rows: [Row]
    var details: DetailsForm
    var errorSummary: ErrorSummary?

    init(
        layout: LayoutModel, staff: [StaffMember], warningDays: Int, now: Date, timeZone: TimeZone,
        form: FormBody? = nil, problems: [FieldProblem] = []
    ) {
        self.layout = layout
        rows = staff.sorted { ($0.name.family, $0.displayName) < ($1.name.family, $1.displayName) }.map { member in
            let registration = member.registration.map { registration in
                Self.expiry(registration.expires, warningDays: warningDays, now: now, timeZone: timeZone)
            }
            return Row(
                name: member.displayName, href: "/admin/staff/\(member.id.uuidString)",
                profession: member.profession.label, jobTitle: member.jobTitle ?? "",
                registration: member.registration.map { "\($0.body) \($0.number), " + (registration?.text ?? "") }
                    ?? "None recorded",
                registrationWarning: registration?.warning ?? false, active: member.active)
        }
        details = DetailsForm(member: nil, form: form, problems: problems, timeZone: timeZone)
        let known = Set(details.all.map(\.name))
        errorSummary = ErrorSummary(
            fields: details.all, general: problems.filter { !known.contains($0.field) }.map(\.problem))
    }

    /// "expires 3 Jan 2027", "expires soon: 3 Jan 2027" or "expired 3 Jan 2026".
    static func expiry(_ date: Date, warningDays: Int, now: Date, timeZone: TimeZone) -> (text: String, warning: Bool) {
        let day = StaffRecordsPageModel.day(date, timeZone)
        if date <= now { return ("expired " + day, true) }
        if date <= now.addingTimeInterval(TimeInterval(warningDays) * 86_400) { return ("expires soon: " + day, true) }
        return ("expires " + day, false)
    }

    /// A member of staff's details from the form, or the problems with them.
    static func details(_ form: FormBody, timeZone: TimeZone) -> (
        name: PersonName, profession: Profession?, jobTitle: String?, registration: ProfessionalRegistration?,
        problems: [FieldProblem]
    ) {
        var problems: [FieldProblem] = []
        let name = PersonName(
            family: form["name.family"] ?? "",
            given: (form["name.given"] ?? "").split(separator: " ").map(String.init), prefix: form["name.prefix"])
        // Checked here as well as by the use case so that every missing field is named at once.
        if form["name.family"] == nil { problems.append(FieldProblem("name.family", "enter the family name")) }
        let profession = form["profession"].flatMap(Profession.init(rawValue:))
        if profession == nil { problems.append(FieldProblem("profession", "choose a profession")) }
        var registration: ProfessionalRegistration?
        let body = form["registration.body"]
        let number = form["registration.number"]
        let expiresText = form["registration.expires"]
        if body != nil || number != nil || expiresText != nil {
            let expires = expiresText.flatMap { PageDates.parse($0, timeZone) }
            if expires == nil {
                problems.append(FieldProblem("registration.expires", "enter the expiry date as YYYY-MM-DD"))
            }
            if let expires {
                registration = ProfessionalRegistration(body: body ?? "", number: number ?? "", expires: expires)
            }
        }
        return (name, profession, form["jobTitle"], registration, problems)
    }
}
