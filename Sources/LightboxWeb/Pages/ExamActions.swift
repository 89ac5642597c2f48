import Foundation
import LightboxDomain

/// The steps an exam page offers, worked out from the exam's state and what this person's role may
/// do: the same order as the patient's journey (DOMAIN.md), each posting to the use case of the step.
struct ExamActions: Sendable {
    /// What the builder needs besides the exam.
    struct Context: Sendable {
        var role: AccessRole
        var policy: AccessPolicy
        var rooms: [Room]
        var staff: [StaffMember]
        var entry: CatalogueEntry?
        var patient: Patient?
        var configuration: DepartmentConfiguration
        var now: Date
        /// The referrer this person's account acts for (a referrer acknowledges their own reports' alerts).
        var referrerID: UUID? = nil
        /// The department's referrers: a medical referrer may countersign a pregnancy override.
        var referrers: [Referrer] = []
        /// Contrast batches on the shelves that can be given today (in date, not empty): the checklist offers
        /// them so the batch given is traced from the exam to the stock record (value, label).
        var contrastBatches: [(String, String)] = []

        /// Whether the checklist asks the pregnancy question: a pregnancy-relevant exam for a patient
        /// who may be pregnant, of an age in the enquiry range (or of unknown age). The use case
        /// decides again when the checklist is recorded.
        var asksPregnancy: Bool {
            guard let entry, entry.pregnancyRelevant || entry.modality == .NM else { return false }
            guard let patient, patient.mayBePregnant else { return false }
            guard let age = patient.age(on: CalendarDate(now, in: configuration.timeZone)) else { return true }
            return configuration.pregnancyEnquiryAgeRange.contains(age)
        }
    }

    /// A form sent back with the use case's refusal, to show again with what was typed.
    struct Refused: Sendable {
        var step: String
        var form: FormBody
        var problems: [FieldProblem]
        var message: String
    }

    static let identifierChoices: [(String, String)] = [
        ("name", "Full name"), ("dateOfBirth", "Date of birth"), ("address", "Address"), ("nhsNumber", "NHS number"),
        ("hospitalNumber", "Hospital number"),
    ]
    static let methodChoices: [(String, String)] = [("verbal", "Stated by the patient"), ("wristband", "Wristband")]
    static let sideChoices: [(String, String)] = [("left", "Left"), ("right", "Right"), ("bilateral", "Both sides")]
    static let pregnancyChoices: [(String, String)] = [
        ("no", "Not pregnant"), ("yes", "Pregnant"), ("unsure", "Unsure"), ("notApplicable", "Not applicable"),
    ]
    /// How the question was put (``PregnancyEnquiryMethod``), in the words on the checklist.
    static let pregnancyMethodChoices: [(String, String)] = PregnancyEnquiryMethod.allCases.map { method in
        switch method {
        case .direct: (method.rawValue, "Asked the patient directly, in private")
        case .interpreter: (method.rawValue, "Through a professional interpreter")
        case .parentOrGuardian: (method.rawValue, "Through a parent or guardian")
        case .writtenQuestionnaire: (method.rawValue, "Written questionnaire, confirmed by the operator")
        }
    }
    static let rejectReasons: [(String, String)] = RejectReason.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }
    static let alertChoices: [(String, String)] =
        [("", "No alert")] + FindingAlert.allCases.map { ($0.rawValue, $0.label) }

    /// The forms for `exam`, with `refused` shown again on its own form.
    static func forms(for exam: Exam, _ context: Context, refused: Refused? = nil) -> [ActionForm] {
        let base = "/exams/\(exam.id.uuidString)"
        let allows = { (permission: Permission) in context.policy.allows(context.role, permission) }
        let form = { (step: String) in refused?.step == step ? refused!.form : FormBody(pairs: []) }
        var forms: [ActionForm] = []

        // Exactly the rooms the booking use case accepts for this exam (a CR room takes a DX request).
        let roomChoices = context.rooms.filter { room in
            context.entry.map(room.canTake) ?? (room.status != .suspended && room.takes(exam.modality))
        }.map { ($0.id.uuidString, $0.name) }
        func roomField(_ step: String) -> FormField {
            .select(
                "roomID", label: "Room", choices: [("", "Choose a room")] + roomChoices,
                value: form(step)["roomID"] ?? exam.booking?.roomID.uuidString ?? "")
        }
        func timeField(_ step: String) -> FormField {
            FormField(
                "scheduledAt", label: "Date and time", value: form(step)["scheduledAt"],
                hint: "In the department's time (\(context.configuration.timeZoneIdentifier))", type: "datetime-local",
                width: "10")
        }
        func reason(_ step: String, _ label: String = "Reason") -> FormField {
            FormField("reason", label: label, value: form(step)["reason"], multiline: true)
        }

        switch exam.state {
        case .justified:
            if allows(.book) {
                forms.append(
                    ActionForm(
                        id: "booking", title: "Book", action: base + "/booking", button: "Book appointment",
                        fields: [roomField("booking"), timeField("booking")]))
            }
        case .booked:
            if allows(.checkIn) {
                forms.append(
                    ActionForm(
                        id: "arrival", title: "Arrival", intro: "The patient is here for the appointment.",
                        action: base + "/arrival", button: "Record arrival"))
            }
            if allows(.rebook) {
                forms.append(
                    ActionForm(
                        id: "rebooking", title: "Re-book", action: base + "/rebooking", button: "Re-book",
                        buttonStyle: "button--secondary",
                        fields: [roomField("rebooking"), timeField("rebooking"), reason("rebooking")]))
            }
            if allows(.recordDidNotAttend) {
                forms.append(
                    ActionForm(
                        id: "did-not-attend", title: "Did not attend", action: base + "/did-not-attend",
                        button: "Record did not attend", buttonStyle: "button--secondary",
                        fields: [reason("did-not-attend")]))
            }
        case .arrived:
            if allows(.pauseAndCheck) {
                let sent = form("pause-and-check")
                var groups = [
                    ActionForm.ChoiceGroup(
                        "identity.identifiers", legend: "Identity: identifiers confirmed with the patient",
                        hint:
                            "At least \(context.configuration.minimumPatientIdentifiers), checked against the request",
                        choices: identifierChoices, checked: Set(sent.all("identity.identifiers"))),
                    ActionForm.ChoiceGroup(
                        "identity.methods", legend: "Identity: how it was confirmed", choices: methodChoices,
                        checked: Set(sent.all("identity.methods"))),
                    ActionForm.ChoiceGroup(
                        "anatomy.bodyPartConfirmed", legend: "Anatomy",
                        choices: [("true", "Body part confirmed against the request: \(exam.examName)")],
                        checked: Set(sent.all("anatomy.bodyPartConfirmed"))),
                ]
                if exam.laterality != .notApplicable {
                    groups.append(
                        ActionForm.ChoiceGroup(
                            "anatomy.side", legend: "Side confirmed with the patient", radio: true,
                            choices: sideChoices, checked: Set(sent.all("anatomy.side"))))
                }
                if context.asksPregnancy {
                    groups.append(
                        ActionForm.ChoiceGroup(
                            "pregnancy.answer", legend: PregnancyEnquiry.standardQuestion, radio: true,
                            choices: pregnancyChoices, checked: Set(sent.all("pregnancy.answer"))))
                    groups.append(
                        ActionForm.ChoiceGroup(
                            "pregnancy.method", legend: "How the pregnancy question was asked", radio: true,
                            choices: pregnancyMethodChoices, checked: Set(sent.all("pregnancy.method"))))
                    if context.entry?.modality == .NM {
                        groups.append(
                            ActionForm.ChoiceGroup(
                                "pregnancy.breastfeeding", legend: "Is the patient breastfeeding?", radio: true,
                                choices: [("true", "Breastfeeding"), ("false", "Not breastfeeding")],
                                checked: Set(sent.all("pregnancy.breastfeeding"))))
                    }
                }
                let usesContrast = context.entry?.contrast != nil
                if usesContrast { groups += contrastGroups(context, sent) }
                groups.append(
                    ActionForm.ChoiceGroup(
                        "equipmentAndSettingsConfirmed", legend: "Equipment and settings",
                        choices: [("true", "Exposure factors, equipment and imaging settings checked")],
                        checked: Set(sent.all("equipmentAndSettingsConfirmed"))))
                var fields: [FormField] = []
                if [.student, .apprentice].contains(context.role) {
                    // Students and apprentices record the check only under a named supervisor.
                    fields.append(
                        .select(
                            "supervisorStaffID", label: "Supervising radiographer",
                            choices: [("", "Choose your supervisor")] + supervisorChoices(context),
                            value: sent["supervisorStaffID"] ?? "",
                            hint: "Students and apprentices record Pause and Check under a named supervisor"))
                }
                if context.asksPregnancy {
                    fields.append(
                        FormField(
                            "pregnancy.lastMenstrualPeriod", label: "First day of the last period (if known)",
                            value: sent["pregnancy.lastMenstrualPeriod"], type: "date", width: "10"))
                }
                if context.asksPregnancy { fields += pregnancyOverrideFields(context, sent) }
                if usesContrast { fields += contrastFields(context, sent) }
                var checklist = "identity.identifiers:\(context.configuration.minimumPatientIdentifiers)"
                // Metformin is stopped only when the eGFR calls for it: the use case decides, the checklist counts none.
                if usesContrast { checklist += ",contrast.metforminStopped:0" }
                forms.append(
                    ActionForm(
                        id: "pause-and-check", title: "Pause and Check",
                        intro:
                            "Every item is needed before the exposure. Start stays closed until the checks are recorded.",
                        action: base + "/pause-and-check", button: "Record Pause and Check", groups: groups,
                        fields: fields,
                        checklist: checklist))
                if usesContrast {
                    // A batch chosen from stock, when there are any, names the agent and the batch number itself.
                    let fromStock = context.contrastBatches.isEmpty ? "" : "|contrast.stockBatchID"
                    forms[forms.count - 1].checklistFields =
                        "contrast.agent\(fromStock),contrast.batch\(fromStock),contrast.volumeMillilitres"
                }
            }
            if allows(.performExam) {
                forms.append(
                    startForm(
                        base, exam, context, form("start"),
                        closedReason: "Start opens when Pause and Check is recorded as complete."))
            }
        case .checked:
            if allows(.performExam) { forms.append(startForm(base, exam, context, form("start"), closedReason: nil)) }
        case .inProgress:
            if allows(.performExam) { forms.append(completeForm(base, exam, context, form("complete"))) }
        case .completed:
            if allows(.checkImages) {
                let sent = form("image-check")
                let projections = (context.entry?.projections ?? []).map { ($0, $0) }
                forms.append(
                    ActionForm(
                        id: "image-check", title: "Image check",
                        intro: "Check the images answer the clinical question before the patient leaves.",
                        action: base + "/image-check", button: "Record image check",
                        groups: [
                            ActionForm.ChoiceGroup(
                                "diagnostic", legend: "Do the images answer the clinical question?", radio: true,
                                choices: [("true", "Yes: accept the images"), ("false", "No: repeats are needed")],
                                checked: Set(sent.all("diagnostic")))
                        ],
                        fields: [
                            .select(
                                "reject.projection", label: "Rejected image (if any)",
                                choices: [("", "None rejected")] + projections, value: sent["reject.projection"]),
                            .select(
                                "reject.reason", label: "Reason for the reject",
                                choices: [("", "Choose")] + rejectReasons,
                                value: sent["reject.reason"]),
                            FormField("note", label: "Note", value: sent["note"], multiline: true),
                        ]))
            }
            if allows(.discharge) {
                forms.append(
                    ActionForm(
                        id: "discharge", title: "Discharge", action: base + "/discharge", button: "Discharge patient",
                        closedReason: "Discharge opens after the image check."))
            }
        case .imagesChecked, .discharged:
            if exam.state == .imagesChecked && allows(.discharge) {
                forms.append(
                    ActionForm(
                        id: "discharge", title: "Discharge", intro: "The images have been checked.",
                        action: base + "/discharge", button: "Discharge patient"))
            }
            if allows(.report) {
                let sent = form("report")
                forms.append(
                    ActionForm(
                        id: "report", title: "Report", action: base + "/report", button: "Save report",
                        fields: [
                            FormField("text", label: "Report", value: sent["text"], multiline: true),
                            .select(
                                "alert", label: "Alert category", choices: alertChoices, value: sent["alert"] ?? "",
                                hint: "Critical, urgent, significant unexpected or cancer findings alert the referrer"),
                        ]))
            }
        case .reportVerified:
            if let report = exam.report, let alert = report.alert, report.alertAcknowledgedAt == nil,
                allows(.createRequest), context.referrerID != nil, context.referrerID == exam.referrerID
            {
                forms.append(
                    ActionForm(
                        id: "acknowledge-report-alert", title: "\(alert.label) alert on this report",
                        intro:
                            "Acknowledge once your team has read the report and acted on it; the time is audited and the alert stops escalating.",
                        action: base + "/report-alert-acknowledgement", button: "Acknowledge alert",
                        buttonStyle: "button--warning",
                        fields: [
                            FormField(
                                "action", label: "What was done", value: form("acknowledge-report-alert")["action"],
                                hint: "For example: patient recalled, seen in clinic", multiline: true)
                        ]))
            }
        case .reported:
            if allows(.verifyReport) {
                forms.append(
                    ActionForm(
                        id: "verify", title: "Verify report", intro: exam.report?.text, action: base + "/verification",
                        button: "Verify report"))
            }
        default:
            break
        }
        if [.inProgress, .completed, .imagesChecked, .discharged].contains(exam.state) && allows(.performExam) {
            // The operator or the image checker tells the reporter what they saw (DOMAIN.md "Urgent and
            // unexpected findings"); `FlagFinding` decides who may.
            let sent = form("flag-finding")
            forms.append(
                ActionForm(
                    id: "flag-finding", title: "Flag a finding for the reporter",
                    intro: "Something urgent or unexpected on the images: the reporter sees it with the exam.",
                    action: base + "/finding-flag", button: "Flag finding", buttonStyle: "button--secondary",
                    fields: [
                        FormField("note", label: "What was seen", value: sent["note"], multiline: true),
                        .select(
                            "suggestedCategory", label: "Suggested alert category",
                            choices: [("", "No category suggested")]
                                + FindingAlert.allCases.map {
                                    ($0.rawValue, $0.label)
                                },
                            value: sent["suggestedCategory"] ?? ""),
                    ]))
        }
        let afterContrast: [ExamState] = [
            .inProgress, .completed, .imagesChecked, .discharged, .reported, .reportVerified,
        ]
        if exam.pauseAndCheck?.contrast != nil && afterContrast.contains(exam.state) && allows(.performExam) {
            // DOMAIN.md "Contrast screening": a reaction is recorded and flagged on the patient for next time.
            let sent = form("contrast-reaction")
            forms.append(
                ActionForm(
                    id: "contrast-reaction", title: "Contrast reaction",
                    intro: "Record a reaction to the contrast given; the patient's record is flagged for next time.",
                    action: base + "/contrast-reaction", button: "Record reaction", buttonStyle: "button--warning",
                    groups: [
                        ActionForm.ChoiceGroup(
                            "severity", legend: "How severe was it?", radio: true,
                            choices: [
                                ("mild", "Mild: settled without treatment or with simple measures"),
                                ("moderate", "Moderate: needed treatment"),
                                ("severe", "Severe: life-threatening, resuscitation or emergency treatment"),
                            ], checked: Set(sent.all("severity")))
                    ],
                    fields: [
                        FormField("description", label: "What happened", value: sent["description"], multiline: true),
                        FormField(
                            "treatment", label: "Treatment given (if any)", value: sent["treatment"], multiline: true),
                    ]))
        }
        let openAlerts = exam.vitalSignsAlerts.filter(\.isOpen)
        if !openAlerts.isEmpty && allows(.checkImages) {
            // Out-of-range observations stay on the page until the supervising radiographer (or a
            // radiologist) says what was done (DOMAIN.md "Vital signs and deterioration").
            let sent = form("acknowledge-alert")
            forms.append(
                ActionForm(
                    id: "acknowledge-alert", title: "Observations out of range",
                    intro:
                        "Acknowledge an alert once you have acted on it; the acknowledgement and its time are audited.",
                    action: base + "/vital-signs-alert-acknowledgement", button: "Acknowledge alert",
                    buttonStyle: "button--warning",
                    groups: [
                        ActionForm.ChoiceGroup(
                            "alertID", legend: "Alert", radio: true,
                            choices: openAlerts.map { alert in
                                let level = alert.urgent ? "Urgent" : "Out of range"
                                return (
                                    alert.id.uuidString,
                                    "\(level), NEWS2 \(alert.news2Score): \(alert.findings.joined(separator: "; "))"
                                )
                            },
                            checked: Set(
                                sent.all("alertID") + (openAlerts.count == 1 ? [openAlerts[0].id.uuidString] : [])))
                    ],
                    fields: [
                        FormField(
                            "action", label: "What was done", value: sent["action"],
                            hint: "For example: repeated observations, escalated to the medical team", multiline: true)
                    ]))
        }
        if exam.performance != nil && [.inProgress, .completed, .imagesChecked, .discharged].contains(exam.state)
            && exam.modality.usesIonisingRadiation && allows(.performExam)
        {
            forms.append(doseEntryForm(base, exam, form("dose-entry")))
        }
        let openDoseAlerts = exam.dose?.openAlerts ?? []
        if !openDoseAlerts.isEmpty && allows(.acknowledgeDoseAlerts) {
            // A dose above a multiple of its reference level, or a cumulative dose, is shown at image
            // check and in the physicist's queue until someone says what was found (DOMAIN.md "Dose").
            let sent = form("acknowledge-dose-alert")
            forms.append(
                ActionForm(
                    id: "acknowledge-dose-alert", title: "Dose alerts",
                    intro: "Say what was found or done; the acknowledgement and its time are audited.",
                    action: base + "/dose-alert-acknowledgement", button: "Acknowledge dose alert",
                    buttonStyle: "button--warning",
                    groups: [
                        ActionForm.ChoiceGroup(
                            "alertID", legend: "Alert", radio: true,
                            choices: openDoseAlerts.map { ($0.id.uuidString, "\($0.kind.label): \($0.detail)") },
                            checked: Set(
                                sent.all("alertID")
                                    + (openDoseAlerts.count == 1 ? [openDoseAlerts[0].id.uuidString] : [])))
                    ],
                    fields: [
                        FormField(
                            "comment", label: "What was found or done", value: sent["comment"],
                            hint: "For example: repeat for motion, justified; protocol to be reviewed", multiline: true)
                    ]))
        }
        if [.requested, .justified, .booked, .arrived].contains(exam.state) && allows(.cancel) {
            forms.append(
                ActionForm(
                    id: "cancel", title: "Cancel", action: base + "/cancellation", button: "Cancel exam",
                    buttonStyle: "button--warning", fields: [reason("cancel")]))
        }
        forms += TaskRequestForms.forms(for: exam, context, sent: form)
        forms += isolationForms(base, exam, context, sent: form)
        if let refused, let index = forms.firstIndex(where: { $0.id == refused.step }) {
            forms[index].show(problems: refused.problems, message: refused.message)
        }
        return forms
    }

    /// The pregnancy override (DOMAIN.md "Pregnancy enquiry"): only when the answer is "pregnant" or "unsure", or a
    /// high-dose exam is outside the 10-day rule, a practitioner entitled to justify this exam takes responsibility
    /// for going ahead, countersigned by a registered doctor (a radiologist, or a medical referrer). The use case
    /// checks the practitioner's entitlement and the doctor's registration when the checklist is recorded.
    static func pregnancyOverrideFields(_ context: Context, _ sent: FormBody) -> [FormField] {
        let practitioners = context.staff.filter {
            $0.active && [.radiographer, .radiologist, .reportingRadiographer].contains($0.profession)
        }.map { ($0.id.uuidString, $0.displayName) }
        let doctors =
            context.staff.filter { $0.active && $0.profession == .radiologist }.map {
                ($0.id.uuidString, "\($0.displayName), radiologist")
            }
            + context.referrers.filter { $0.active && [.doctor, .generalPractitioner].contains($0.kind) }.map {
                ($0.id.uuidString, "\($0.name.display), referrer")
            }
        return [
            .select(
                "pregnancy.override.practitionerStaffID", label: "Override: practitioner taking responsibility",
                choices: [("", "No override")] + practitioners,
                value: sent["pregnancy.override.practitionerStaffID"] ?? "",
                hint:
                    "Only if the answer is pregnant or unsure, or a high-dose exam is outside the "
                    + "\(context.configuration.tenDayRuleDays)-day rule: a practitioner entitled to justify this exam"),
            .select(
                "pregnancy.override.countersigningDoctorID", label: "Override: countersigning doctor",
                choices: [("", "No countersignature")] + doctors,
                value: sent["pregnancy.override.countersigningDoctorID"] ?? "",
                hint: "A radiologist or a medical referrer; their registration is recorded with the override"),
            FormField(
                "pregnancy.override.reason", label: "Override: why the exam goes ahead",
                value: sent["pregnancy.override.reason"], multiline: true),
        ]
    }

    static func startForm(
        _ base: String, _ exam: Exam, _ context: Context, _ sent: FormBody, closedReason: String?
    ) -> ActionForm {
        ActionForm(
            id: "start", title: "Start the exam", action: base + "/start", button: "Start exam",
            fields: [
                .select(
                    "supervisorStaffID", label: "Supervising practitioner",
                    choices: [("", "No supervisor")] + supervisorChoices(context),
                    value: sent["supervisorStaffID"] ?? "",
                    hint: "Needed when your entitlement requires supervision (students, assistant practitioners)")
            ], closedReason: closedReason)
    }

    /// The people who may supervise: active radiographers, reporting radiographers and radiologists (the
    /// use case checks the one chosen is entitled for this exam).
    static func supervisorChoices(_ context: Context) -> [(String, String)] {
        context.staff.filter {
            $0.active && [.radiographer, .radiologist, .reportingRadiographer].contains($0.profession)
        }.map { ($0.id.uuidString, $0.displayName) }
    }

    static func completeForm(_ base: String, _ exam: Exam, _ context: Context, _ sent: FormBody) -> ActionForm {
        let projections = context.entry?.projections ?? []
        var fields: [FormField] = []
        switch exam.modality {
        case .CT:
            fields += [
                FormField(
                    "exposure.ctdiVolMilligray", label: "CTDIvol (mGy)", value: sent["exposure.ctdiVolMilligray"],
                    type: "text", width: "10"),
                FormField(
                    "exposure.dlpMilligrayCm", label: "DLP (mGy·cm)", value: sent["exposure.dlpMilligrayCm"],
                    width: "10"),
            ]
        default:
            fields += [
                FormField("exposure.kilovolts", label: "kV", value: sent["exposure.kilovolts"], width: "10"),
                FormField(
                    "exposure.milliampereSeconds", label: "mAs", value: sent["exposure.milliampereSeconds"], width: "10"
                ),
                FormField(
                    "exposure.doseAreaProductGyCm2", label: "Dose-area product (Gy·cm²)",
                    value: sent["exposure.doseAreaProductGyCm2"], width: "10"),
                FormField(
                    "exposure.exposureIndex", label: "Exposure index", value: sent["exposure.exposureIndex"],
                    width: "10"),
            ]
            if exam.modality == .RF {
                fields.append(
                    FormField(
                        "exposure.fluoroscopySeconds", label: "Screening time (s)",
                        value: sent["exposure.fluoroscopySeconds"], width: "10"))
            }
        }
        fields += [
            FormField(
                "carer.name", label: "Carer or comforter (if one held or supported the patient)",
                value: sent["carer.name"]),
            FormField("carer.dose", label: "Carer's estimated dose (mSv)", value: sent["carer.dose"], width: "10"),
        ]
        return ActionForm(
            id: "complete", title: "Complete the exam", action: base + "/completion", button: "Complete exam",
            groups: [
                ActionForm.ChoiceGroup(
                    "projections", legend: "Projections done", choices: projections.map { ($0, $0) },
                    checked: Set(sent.all("projections"))),
                ActionForm.ChoiceGroup(
                    "carer.consent", legend: "Carer",
                    choices: [
                        ("consentGiven", "The carer consented"), ("informedOfRisks", "The carer was told the risks"),
                    ],
                    checked: Set(sent.all("carer.consent"))),
            ],
            fields: fields)
    }
}
