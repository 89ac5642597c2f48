import Foundation
import LightboxDomain

/// The contrast screening items of the Pause and Check checklist (DOMAIN.md "Contrast screening"), shown
/// whenever the catalogue says the exam uses contrast. Each question is answered yes or no, so the checklist
/// names an unanswered one as missing; `RecordPauseAndCheck` decides again, as it does for the API.
extension ExamActions {
    /// The yes/no questions, with the checklist's words for each answer.
    static func contrastGroups(_ context: Context, _ sent: FormBody) -> [ActionForm.ChoiceGroup] {
        let configuration = context.configuration
        let questions: [(String, String, String?, (String, String))] = [
            (
                "contrast.previousReaction", "Contrast: previous reaction to contrast",
                context.patient?.previousContrastReaction == true
                    ? "The patient's record shows a previous contrast reaction: a practitioner reviews it below" : nil,
                ("No previous reaction", "Previous reaction")
            ),
            ("contrast.allergiesOrAsthma", "Contrast: allergies or asthma", nil, ("Neither", "Allergies or asthma")),
            ("contrast.diabetes", "Contrast: diabetes", nil, ("No diabetes", "Diabetes")),
            ("contrast.renalDisease", "Contrast: renal disease", nil, ("No renal disease", "Renal disease")),
            (
                "contrast.knownLowEGFR",
                "Contrast: eGFR already known to be below \(configuration.renalRiskEGFRBelow.pageClean)", nil,
                ("Not known to be low", "Known to be low")
            ),
            ("contrast.onMetformin", "Contrast: takes metformin", nil, ("No metformin", "Takes metformin")),
        ]
        return questions.map { name, legend, hint, labels in
            ActionForm.ChoiceGroup(
                name, legend: legend, hint: hint, radio: true, choices: [("false", labels.0), ("true", labels.1)],
                checked: Set(sent.all(name)))
        } + [
            ActionForm.ChoiceGroup(
                "contrast.metforminStopped", legend: "Contrast: metformin",
                hint: "Needed when the patient takes metformin and the eGFR is below "
                    + "\(configuration.metforminEGFRBelow.pageClean)",
                choices: [("true", "Metformin stopped from the time of contrast")],
                checked: Set(sent.all("contrast.metforminStopped")))
        ]
    }

    /// The eGFR, the reviewer of a previous reaction, and what is given: route, agent, batch and volume.
    static func contrastFields(_ context: Context, _ sent: FormBody) -> [FormField] {
        let configuration = context.configuration
        let practitioners = context.staff.filter {
            $0.active && [.radiographer, .radiologist, .reportingRadiographer].contains($0.profession)
        }.map { ($0.id.uuidString, $0.displayName) }
        return [
            .select(
                "contrast.previousReactionReviewedBy", label: "Contrast: previous reaction reviewed by",
                choices: [("", "No previous reaction")] + practitioners,
                value: sent["contrast.previousReactionReviewedBy"] ?? "",
                hint: "Only after a previous reaction: the practitioner, entitled to justify this exam, who agreed "
                    + "to go ahead"),
            FormField(
                "contrast.latestEGFR", label: "Contrast: latest eGFR (mL/min/1.73 m²)",
                value: sent["contrast.latestEGFR"],
                hint: "Needed with a renal risk factor (over \(configuration.renalRiskAgeOver), known eGFR below "
                    + "\(configuration.renalRiskEGFRBelow.pageClean), diabetes, renal disease, intra-arterial "
                    + "contrast): no older than \(configuration.eGFRMaximumAgeDays) days, "
                    + "\(configuration.eGFRMaximumAgeDaysAcute) for inpatients and emergencies", width: "5"),
            FormField(
                "contrast.eGFRDate", label: "Contrast: day the eGFR was measured", value: sent["contrast.eGFRDate"],
                type: "date", width: "10"),
            .select(
                "contrast.route", label: "Contrast: route",
                choices: ContrastRoute.allCases.map { ($0.rawValue, $0.label) },
                value: sent["contrast.route"] ?? context.entry?.contrast?.rawValue ?? ""),
        ]
            + stockBatchField(context, sent)
            + [
                FormField(
                    "contrast.agent", label: "Contrast: agent", value: sent["contrast.agent"],
                    hint: context.contrastBatches.isEmpty ? nil : "Not needed when the batch is chosen from stock"),
                FormField(
                    "contrast.batch", label: "Contrast: batch number", value: sent["contrast.batch"],
                    hint: context.contrastBatches.isEmpty ? nil : "Not needed when the batch is chosen from stock",
                    width: "10"),
                FormField(
                    "contrast.volumeMillilitres", label: "Contrast: volume (mL)",
                    value: sent["contrast.volumeMillilitres"],
                    width: "5"),
            ]
    }

    /// The batch given, chosen from the contrast batches in stock (DOMAIN.md "Stock": the batch given to a patient
    /// is traced from the exam to the stock record); absent when none is on the shelves.
    static func stockBatchField(_ context: Context, _ sent: FormBody) -> [FormField] {
        guard !context.contrastBatches.isEmpty else { return [] }
        return [
            .select(
                "contrast.stockBatchID", label: "Contrast: batch from stock",
                choices: [("", "Not from the stock list")] + context.contrastBatches,
                value: sent["contrast.stockBatchID"] ?? "",
                hint: "The agent and batch number are taken from the stock record, and one unit is booked out to "
                    + "this patient")
        ]
    }
}
