import Foundation
import LightboxDomain

/// The archive's reconciliation list for the radiographer or PACS manager (DESIGN.md "Matching"): performed
/// procedure steps (MPPS) a modality reported for an exam Lightbox does not know, and studies that match no exam
/// or disagree with its patient, each with a form that links it to an exam named by its accession number, or
/// rejects it, through `ReconcileModalityStep` and `ReconcileStudy` (the API's use cases).
struct ReconciliationPageModel: PageModel {
    static let template = "reconciliation"

    /// One held step or study, what the modality or the images said, and the decision's form.
    struct Row: Sendable, Equatable {
        var summary: [SummaryRow]
        var form: ActionForm
    }

    var layout: LayoutModel
    var lede: String
    var steps: [Row]
    var hasSteps: Bool
    var studies: [Row]
    var hasStudies: Bool

    /// `refused`: the form (by id) sent back with the use case's refusal.
    init(
        layout: LayoutModel, steps: [HeldModalityStep], studies: [ListReconciliation.Item],
        configuration: DepartmentConfiguration, refused: ExamActions.Refused? = nil
    ) {
        self.layout = layout
        lede =
            "Work a modality reported, and images received, that Lightbox could not match to an exam. Link each to "
            + "its exam by the exam's accession number (the exam then follows the modality's step, or owns the "
            + "images), or reject it when it belongs to no exam here. Every decision is in the audit log."
        let format = PageFormat(configuration.timeZone)
        self.steps = steps.map { step in
            let form = Self.form(
                id: "step-\(step.id.uuidString)", action: "/reconciliation/steps/\(step.id.uuidString)",
                choices: [
                    ("link", "Link to the exam: it follows the step as the modality reported it"),
                    ("reject", "Reject: it belongs to no exam here"),
                ], refused: refused)
            return Row(
                summary: [
                    SummaryRow("Modality", step.start.stationAETitle),
                    SummaryRow("Accession number sent", step.start.accessionNumber ?? "None"),
                    SummaryRow("Patient, as the modality sent it", Self.patient(step.subject)),
                    SummaryRow("Procedure", step.subject.procedureDescription ?? "Not given"),
                    SummaryRow("Step", Self.label(step.status) + ", received " + format.dateTime(step.receivedAt)),
                    SummaryRow("Why it is held", step.detail),
                ], form: form)
        }
        hasSteps = !self.steps.isEmpty
        self.studies = studies.map { item in
            let form = Self.form(
                id: "study-\(item.study.id.uuidString)", action: "/reconciliation/studies/\(item.study.id.uuidString)",
                choices: [
                    ("link", "Link to the exam, as received"),
                    ("correct", "Link to the exam and correct the images' patient details to the exam's patient"),
                    ("reject", "Reject: it belongs to no exam here"),
                ], refused: refused)
            let study = item.study
            return Row(
                summary: [
                    SummaryRow(
                        "Study",
                        (study.studyDescription ?? "No description") + " ("
                            + study.modalitiesInStudy.joined(separator: ", ") + ")"),
                    SummaryRow("Accession number", study.accessionNumber ?? "None"),
                    SummaryRow(
                        "Patient, as the images say",
                        item.patient.patientName.replacingOccurrences(of: "^", with: " ") + ", ID "
                            + item.patient.patientID
                            + (item.patient.patientBirthDate.map { ", born \($0)" } ?? "")),
                    SummaryRow(
                        "Images",
                        "\(study.numberOfSeries) series, \(study.numberOfInstances) images, received "
                            + format.dateTime(study.createdAt)),
                    SummaryRow("Why it is here", study.matchDetail),
                ], form: form)
        }
        hasStudies = !self.studies.isEmpty
    }

    /// The decision's form; `refused`, when it is this form's, is shown again with the use case's refusal.
    static func form(
        id: String, action: String, choices: [(String, String)], refused: ExamActions.Refused?
    ) -> ActionForm {
        let sent = refused?.step == id ? refused?.form ?? FormBody(pairs: []) : FormBody(pairs: [])
        var form = ActionForm(
            id: id, title: "Decision", action: action, button: "Record decision",
            groups: [
                ActionForm.ChoiceGroup(
                    "action", legend: "What to do", radio: true, choices: choices, checked: Set(sent.all("action")))
            ],
            fields: [
                FormField(
                    "accessionNumber", label: "Accession number of the exam (to link)", value: sent["accessionNumber"],
                    width: "10"),
                FormField("reason", label: "Reason (to reject)", value: sent["reason"], multiline: true),
            ])
        if let refused, refused.step == id { form.show(problems: refused.problems, message: refused.message) }
        return form
    }

    static func patient(_ subject: HeldModalityStep.Subject) -> String {
        [
            subject.patientName?.replacingOccurrences(of: "^", with: " "), subject.patientID.map { "ID \($0)" },
            subject.patientBirthDate.map { "born \($0)" },
        ].compactMap { $0 }.joined(separator: ", ")
    }

    static func label(_ status: ModalityProcedureStep.Status) -> String {
        switch status {
        case .inProgress: "In progress"
        case .completed: "Completed"
        case .discontinued: "Discontinued"
        }
    }
}
