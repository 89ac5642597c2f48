import Foundation
import LightboxDomain

/// The staff records page's form for a learner (apprentice, student or assistant practitioner, issue 17): log a
/// case of supervised practice, naming the radiographer or radiologist who supervised it and signs it off. It posts
/// to `LogSupervisedPractice`, the use case the API's practice-log route calls.
struct PracticeLogForm: Sendable, Equatable {
    var fields: [FormField]
    var errorSummary: ErrorSummary?

    /// The form's own names for the use case's fields, apart from the CPD form's on the same page.
    static let names = ["activity": "practiceActivity", "reflection": "practiceReflection"]

    init(
        staff: [StaffMember], learnerID: UUID?, form: FormBody? = nil, problems: [FieldProblem] = [],
        general: [String] = []
    ) {
        let error = { (field: String) in
            problems.first { $0.field == field }.map { "\(Self.label(field)) \($0.problem)" }
        }
        let supervisors =
            staff.filter { $0.active && $0.profession.maySupervise && $0.id != learnerID }
            .sorted { $0.displayName < $1.displayName }
        fields = [
            .select(
                "supervisorID", label: Self.label("supervisorID"),
                choices: [("", "Choose your supervisor")] + supervisors.map { ($0.id.uuidString, $0.displayName) },
                value: form?["supervisorID"], hint: "The radiographer or radiologist who signs the entry off",
                error: error("supervisorID")),
            FormField(
                "performedOn", label: Self.label("performedOn"), value: form?["performedOn"],
                error: error("performedOn"), type: "date", width: "10"),
            FormField(
                "practiceActivity", label: Self.label("practiceActivity"), value: form?["practiceActivity"],
                hint: "The case, for example: PA chest, ambulant adult", error: error("practiceActivity")),
            FormField(
                "practiceReflection", label: Self.label("practiceReflection"), value: form?["practiceReflection"],
                hint: "What went well and what you would do differently", error: error("practiceReflection"),
                multiline: true),
        ]
        let shown = Set(fields.map(\.name))
        errorSummary = ErrorSummary(
            fields: fields, general: general, problems: problems, shown: shown,
            named: { "\(Self.label($0.field)): \($0.problem)" })
    }

    static func label(_ name: String) -> String {
        switch name {
        case "supervisorID": "Supervisor"
        case "performedOn": "Date of the case"
        case "practiceActivity": "Case"
        case "practiceReflection": "Reflection (optional)"
        // The learner is the one logging: a problem with them is about their own staff record.
        case "staffID": "Your staff record"
        default: name
        }
    }
}
