import Foundation
import LightboxDomain

/// Reception's form to register a patient, with the domain's problems shown against each field.
struct RegisterPatientPageModel: PageModel {
    static let template = "patient-new"
    var layout: LayoutModel
    var errorSummary: ErrorSummary?
    var fields: [FormField]

    /// The form's field names, as the domain names the fields it checks.
    static let names = [
        "name.family", "name.given", "nhsNumber", "hospitalNumber", "hospitalAuthority", "dateOfBirth", "sex",
        "address.line", "address.postcode", "alerts",
    ]

    init(
        layout: LayoutModel, form: FormBody = FormBody(pairs: []), problems: [FieldProblem] = [], general: [String] = []
    ) {
        self.layout = layout
        func error(_ name: String) -> String? {
            problems.first { problem in
                Self.formField(forDomainField: problem.field) == name
            }.map { Self.sentence(label: Self.label(name), problem: $0.problem) }
        }
        fields = [
            FormField("name.family", label: "Family name", value: form["name.family"], error: error("name.family")),
            FormField("name.given", label: "Given names", value: form["name.given"], error: error("name.given")),
            FormField(
                "nhsNumber", label: "NHS number", value: form["nhsNumber"], hint: "10 digits, for example 943 476 5919",
                error: error("nhsNumber"), width: "10"),
            FormField(
                "hospitalNumber", label: "Hospital number", value: form["hospitalNumber"],
                error: error("hospitalNumber"),
                width: "10"),
            FormField(
                "hospitalAuthority", label: "Issued by", value: form["hospitalAuthority"],
                hint: "The organisation code of the hospital that issued it", error: error("hospitalAuthority"),
                width: "10"),
            FormField(
                "dateOfBirth", label: "Date of birth", value: form["dateOfBirth"], error: error("dateOfBirth"),
                type: "date", width: "10"),
            .select(
                "sex", label: "Sex",
                choices: [("unknown", "Not known"), ("female", "Female"), ("male", "Male"), ("other", "Other")],
                value: form["sex"] ?? "unknown", error: error("sex")),
            FormField("address.line", label: "Address", value: form["address.line"], error: error("address.line")),
            FormField(
                "address.postcode", label: "Postcode", value: form["address.postcode"],
                error: error("address.postcode"),
                width: "10"),
            FormField(
                "alerts", label: "Alerts for the desk (optional)", value: form["alerts"],
                hint: "One a line: infection risk, interpreter, mobility", error: error("alerts"), multiline: true),
        ]
        let placed = Set(problems.compactMap { Self.formField(forDomainField: $0.field) })
        let unplaced = problems.filter { Self.formField(forDomainField: $0.field).map { !placed.contains($0) } ?? true }
        errorSummary = ErrorSummary(fields: fields, general: general + unplaced.map { "\($0.field) \($0.problem)" })
    }

    /// The form field a domain problem is about.
    static func formField(forDomainField field: String) -> String? {
        if field.hasPrefix("hospitalNumbers") {
            return field.hasSuffix("issuingAuthority") ? "hospitalAuthority" : "hospitalNumber"
        }
        if field.hasPrefix("address") { return field.contains("postcode") ? "address.postcode" : "address.line" }
        if field == "name" || field == "name.given" { return field == "name" ? "name.family" : "name.given" }
        return names.contains(field) ? field : nil
    }

    static func label(_ name: String) -> String {
        switch name {
        case "name.family": "Family name"
        case "name.given": "Given names"
        case "nhsNumber": "NHS number"
        case "hospitalNumber": "Hospital number"
        case "hospitalAuthority": "Issued by"
        case "dateOfBirth": "Date of birth"
        case "address.line", "address.postcode": "Address"
        default: name
        }
    }

    /// "NHS number: the check digit is wrong".
    static func sentence(label: String, problem: String) -> String { "\(label): \(problem)" }

    /// The domain's details from the form; problems it can already see (a date that is not a date).
    static func details(_ form: FormBody) -> (PatientDetails?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        var dateOfBirth: CalendarDate?
        if let text = form["dateOfBirth"] {
            dateOfBirth = PatientSearchPageModel.date(text)
            if dateOfBirth == nil { problems.append(FieldProblem("dateOfBirth", "enter a real date, like 02/11/1980")) }
        }
        var hospitalNumbers: [HospitalNumber] = []
        if let value = form["hospitalNumber"] {
            guard let authority = form["hospitalAuthority"] else {
                problems.append(FieldProblem("hospitalNumbers[0].issuingAuthority", "say which organisation issued it"))
                return (nil, problems)
            }
            hospitalNumbers = [HospitalNumber(value: value, issuingAuthority: authority)]
        }
        guard problems.isEmpty else { return (nil, problems) }
        let given = (form["name.given"] ?? "").split(separator: " ").map(String.init)
        let address: PostalAddress? =
            form["address.line"] == nil && form["address.postcode"] == nil
            ? nil
            : PostalAddress(
                lines: (form["address.line"] ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty },
                postcode: form["address.postcode"])
        let alerts = (form["alerts"] ?? "").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        return (
            PatientDetails(
                nhsNumber: form["nhsNumber"].map { $0.filter { !$0.isWhitespace } }, hospitalNumbers: hospitalNumbers,
                name: PersonName(family: form["name.family"] ?? "", given: given), dateOfBirth: dateOfBirth,
                sex: AdministrativeSex(rawValue: form["sex"] ?? "unknown") ?? .unknown, address: address,
                alerts: alerts),
            []
        )
    }
}
