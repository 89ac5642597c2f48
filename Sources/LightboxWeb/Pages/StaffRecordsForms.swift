import Foundation
import LightboxDomain

/// The staff records page's forms for those who manage staff (issue 17): record a member of staff's mandatory
/// training with its completion and expiry, record an assessed competency (the duty, the exams it covers, the
/// assessor), and record an appraisal held with the date the next is due. Each posts to the use case its API route
/// calls (`RecordTraining`, `RecordCompetency`, `RecordAppraisal`); a refused form
/// comes back with its errors beside the fields and in the page's error summary.
struct StaffRecordsForms: Sendable, Equatable {
    /// The forms, by the path segment each posts to under `/staff-records/`; the practice log is the learner's
    /// (`PracticeLogForm`), the others the manager's.
    enum Form: String, Sendable, CaseIterable {
        case training
        case competency = "competencies"
        case practice
        case appraisal = "appraisals"
    }

    var trainingFields: [FormField]
    var competencyFields: [FormField]
    var appraisalFields: [FormField]
    var errorSummary: ErrorSummary?

    /// The competency form's own names for the fields both forms have, so each error sits beside its own control.
    static let competencyNames = [
        "staffID": "competencyStaffID", "expires": "competencyExpires",
        "evidence": "competencyEvidence",
    ]

    /// The appraisal form's own name for the member of staff, apart from the training form's.
    static let appraisalNames = ["staffID": "appraisalStaffID"]

    init(
        staff: [StaffMember], failed: Form? = nil, form: FormBody = FormBody(pairs: []),
        problems: [FieldProblem] = [], general: [String] = []
    ) {
        func value(_ which: Form, _ name: String) -> String? { failed == which ? form[name] : nil }
        func error(_ which: Form, _ names: String...) -> String? {
            guard failed == which else { return nil }
            return problems.first { names.contains($0.field) }.map { "\(Self.label($0.field)) \($0.problem)" }
        }
        let active = staff.filter(\.active).sorted { $0.displayName < $1.displayName }
        let people = [("", "Choose a member of staff")] + active.map { ($0.id.uuidString, $0.displayName) }
        trainingFields = [
            .select(
                "staffID", label: Self.label("staffID"), choices: people, value: value(.training, "staffID"),
                error: error(.training, "staffID")),
            .select(
                "course", label: Self.label("course"),
                choices: [("", "Choose a course")] + MandatoryTraining.allCases.map { ($0.rawValue, $0.label) },
                value: value(.training, "course"), error: error(.training, "course")),
            FormField(
                "completedOn", label: Self.label("completedOn"), value: value(.training, "completedOn"),
                error: error(.training, "completedOn"), type: "date", width: "10"),
            FormField(
                "expires", label: Self.label("expires"), value: value(.training, "expires"),
                hint: "Leave empty for training that does not expire", error: error(.training, "expires"),
                type: "date", width: "10"),
            FormField(
                "evidence", label: Self.label("evidence"), value: value(.training, "evidence"),
                hint: "The certificate or course record, for example: e-LfH IR(ME)R module certificate 4471",
                error: error(.training, "evidence")),
        ]
        let assessors =
            [("", "Choose the assessor")]
            + active.filter(\.profession.maySupervise).map { ($0.id.uuidString, $0.displayName) }
        competencyFields = [
            .select(
                "competencyStaffID", label: Self.label("competencyStaffID"), choices: people,
                value: value(.competency, "competencyStaffID"), error: error(.competency, "competencyStaffID")),
            .select(
                "duty", label: Self.label("duty"),
                choices: [("", "Choose a duty")] + Duty.allCases.map { ($0.rawValue, $0.pageLabel) },
                value: value(.competency, "duty"), error: error(.competency, "duty")),
            .select(
                "scope.modality", label: Self.label("scope.modality"),
                choices: [("", "Any")] + Modality.allCases.map { ($0.rawValue, $0.pageLabel) },
                value: value(.competency, "scope.modality"),
                error: error(.competency, "scope.modality", "scope")),
            FormField(
                "scope.examCode", label: Self.label("scope.examCode"), value: value(.competency, "scope.examCode"),
                hint: "Only this exam of the catalogue", error: error(.competency, "scope.examCode"), width: "10"),
            .select(
                "scope.bodyRegion", label: Self.label("scope.bodyRegion"),
                choices: [("", "Any")] + BodyRegion.allCases.map { ($0.rawValue, $0.label) },
                value: value(.competency, "scope.bodyRegion"), error: error(.competency, "scope.bodyRegion")),
            .select(
                "assessorID", label: Self.label("assessorID"), choices: assessors,
                value: value(.competency, "assessorID"), hint: "An active radiographer or radiologist",
                error: error(.competency, "assessorID")),
            FormField(
                "assessedOn", label: Self.label("assessedOn"), value: value(.competency, "assessedOn"),
                error: error(.competency, "assessedOn"), type: "date", width: "10"),
            FormField(
                "competencyExpires", label: Self.label("competencyExpires"),
                value: value(.competency, "competencyExpires"), hint: "Leave empty for no expiry",
                error: error(.competency, "competencyExpires"), type: "date", width: "10"),
            FormField(
                "competencyEvidence", label: Self.label("competencyEvidence"),
                value: value(.competency, "competencyEvidence"),
                hint: "How competence was assessed, for example: direct observation of 10 DX exams",
                error: error(.competency, "competencyEvidence"), multiline: true),
        ]
        appraisalFields = [
            .select(
                "appraisalStaffID", label: Self.label("appraisalStaffID"), choices: people,
                value: value(.appraisal, "appraisalStaffID"), error: error(.appraisal, "appraisalStaffID")),
            FormField(
                "heldOn", label: Self.label("heldOn"), value: value(.appraisal, "heldOn"),
                error: error(.appraisal, "heldOn"), type: "date", width: "10"),
            FormField(
                "nextDue", label: Self.label("nextDue"), value: value(.appraisal, "nextDue"),
                error: error(.appraisal, "nextDue"), type: "date", width: "10"),
            FormField(
                "appraiser", label: Self.label("appraiser"), value: value(.appraisal, "appraiser"),
                hint: "Who held the appraisal, for example: Mark Evans", error: error(.appraisal, "appraiser")),
        ]
        let fields = trainingFields + competencyFields + appraisalFields
        let shown = Set(fields.map(\.name) + ["scope"])
        errorSummary = ErrorSummary(fields: fields, general: general, problems: problems, shown: shown)
    }

    static func label(_ name: String) -> String {
        switch name {
        case "staffID", "competencyStaffID", "appraisalStaffID": "Member of staff"
        case "course": "Course"
        case "completedOn": "Date completed"
        case "expires", "competencyExpires": "Expiry date (optional)"
        case "evidence": "Evidence"
        case "duty": "Duty"
        case "scope", "scope.modality": "Modality"
        case "scope.examCode": "Exam code (optional)"
        case "scope.bodyRegion": "Body region"
        case "assessorID": "Assessor"
        case "assessedOn": "Date assessed"
        case "heldOn": "Date held"
        case "nextDue": "Next due"
        case "appraiser": "Appraiser"
        default: "How it was assessed"
        }
    }
}
