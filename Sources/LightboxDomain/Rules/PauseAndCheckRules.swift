import Foundation

/// The checks of Pause and Check (DOMAIN.md "Pause and Check before exposure", "Pregnancy enquiry",
/// "Contrast screening"). Every problem is collected so the checklist names all that is missing.
struct PauseAndCheckRules {
    let configuration: DepartmentConfiguration

    func identityProblems(_ identity: IdentityConfirmation, room: Room?) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let confirmed = Set(identity.identifiers)
        let needed = configuration.minimumPatientIdentifiers
        if confirmed.count < needed {
            problems.append(
                FieldProblem(
                    "identity.identifiers",
                    "\(confirmed.count) identifiers confirmed; confirm at least \(needed) of name, date of birth, "
                        + "address, NHS number and hospital number", code: .identityNotConfirmed))
        }
        if identity.methods.isEmpty {
            problems.append(
                FieldProblem(
                    "identity.methods", "say how identity was confirmed (verbal, wristband)",
                    code: .identityNotConfirmed))
        }
        if let room, room.isMobile, !identity.methods.contains(.wristband) {
            problems.append(
                FieldProblem(
                    "identity.methods", "on a ward or mobile exam identity must be checked against the wristband",
                    code: .identityNotConfirmed))
        }
        return problems
    }

    func anatomyProblems(_ anatomy: AnatomyConfirmation, exam: Exam) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if !anatomy.bodyPartConfirmed {
            problems.append(
                FieldProblem(
                    "anatomy.bodyPartConfirmed", "confirm the body part against the request",
                    code: .pauseAndCheckIncomplete))
        }
        if exam.laterality != .notApplicable && anatomy.side != exam.laterality {
            let given = anatomy.side.map { "\($0.rawValue) was confirmed" } ?? "no side was confirmed"
            problems.append(
                FieldProblem(
                    "anatomy.side", "the request is for the \(exam.laterality.rawValue) side; \(given)",
                    code: .pauseAndCheckIncomplete))
        }
        return problems
    }

    /// `overrideProblem`: nil when the override's practitioner is entitled, otherwise why not;
    /// `countersignatureProblem`: nil when the countersigning doctor is a registered doctor known to
    /// Lightbox, otherwise why not (both looked up by the use case). `nuclearMedicine`: the
    /// breastfeeding question is asked too.
    func pregnancyProblems(
        _ enquiry: PregnancyEnquiry?, required: Bool, highDose: Bool, today: CalendarDate, overrideProblem: String?,
        countersignatureProblem: String? = nil, nuclearMedicine: Bool = false
    ) -> [FieldProblem] {
        guard required else { return [] }
        var asked: [FieldProblem] = []
        if let enquiry, enquiry.answer != nil, enquiry.method == nil {
            asked.append(
                FieldProblem(
                    "pregnancy.method",
                    "say how the question was asked ("
                        + PregnancyEnquiryMethod.allCases.map(\.rawValue).joined(separator: ", ") + ")",
                    code: .pregnancyEnquiryRequired))
        }
        if nuclearMedicine, enquiry?.breastfeeding == nil {
            asked.append(
                FieldProblem(
                    "pregnancy.breastfeeding", "nuclear medicine: ask and record whether the patient is breastfeeding",
                    code: .pregnancyEnquiryRequired))
        }
        return asked
            + answerProblems(
                enquiry, highDose: highDose, today: today, overrideProblem: overrideProblem,
                countersignatureProblem: countersignatureProblem)
    }

    func answerProblems(
        _ enquiry: PregnancyEnquiry?, highDose: Bool, today: CalendarDate, overrideProblem: String?,
        countersignatureProblem: String?
    ) -> [FieldProblem] {
        let rules = PregnancyRules(configuration: configuration)
        guard let enquiry, let answer = enquiry.answer, answer != .notApplicable else {
            return [
                FieldProblem(
                    "pregnancy.answer",
                    "ask and record whether the patient is or might be pregnant (childbearing potential, aged "
                        + "\(rules.ageRangeText), exam between diaphragm and knees)", code: .pregnancyEnquiryRequired)
            ]
        }
        var reasonsForOverride: [(String, DomainError.Code)] = []
        switch answer {
        case .yes, .unsure:
            reasonsForOverride.append(("the answer was \"\(answer.rawValue)\"", .pregnancyUnresolved))
        case .no, .notApplicable:
            if highDose {
                if let lastPeriod = enquiry.lastMenstrualPeriod {
                    if !rules.withinTenDays(lastPeriod: lastPeriod, today: today) {
                        reasonsForOverride.append(
                            (
                                "this high-dose exam is outside the \(configuration.tenDayRuleDays)-day rule "
                                    + "(last period started \(lastPeriod.iso))", .tenDayRule
                            ))
                    }
                } else {
                    reasonsForOverride.append(
                        (
                            "this high-dose exam needs the first day of the last period "
                                + "(\(configuration.tenDayRuleDays)-day rule)", .tenDayRule
                        ))
                }
            }
        }
        guard !reasonsForOverride.isEmpty else { return [] }
        let (why, code) = reasonsForOverride[0]
        var problems: [FieldProblem] = []
        let override = enquiry.override
        if override?.practitionerStaffID == nil {
            problems.append(
                FieldProblem(
                    "pregnancy.override.practitionerStaffID", "\(why): a practitioner must record an override",
                    code: code))
        } else if let overrideProblem {
            problems.append(FieldProblem("pregnancy.override.practitionerStaffID", overrideProblem, code: code))
        }
        if override?.countersigningDoctorID == nil {
            problems.append(
                FieldProblem(
                    "pregnancy.override.countersigningDoctorID",
                    "\(why): a registered doctor known to Lightbox (a radiologist or a medical referrer) must "
                        + "countersign the override", code: code))
        } else if let countersignatureProblem {
            problems.append(
                FieldProblem("pregnancy.override.countersigningDoctorID", countersignatureProblem, code: code))
        }
        if (override?.reason ?? "").trimmed.isEmpty {
            problems.append(
                FieldProblem("pregnancy.override.reason", "\(why): record why the exam goes ahead", code: code))
        }
        return problems
    }

    /// Renal risk factors present, in words ("age over 70", "diabetes").
    func renalRiskFactors(_ screening: ContrastScreening, route: ContrastRoute?, age: Int?) -> [String] {
        var factors: [String] = []
        if let age, age > configuration.renalRiskAgeOver {
            factors.append("age over \(configuration.renalRiskAgeOver)")
        }
        if screening.knownLowEGFR { factors.append("known eGFR below \(configuration.renalRiskEGFRBelow.clean)") }
        if screening.diabetes { factors.append("diabetes") }
        if screening.renalDisease { factors.append("renal disease") }
        if route == .intraArterial { factors.append("intra-arterial contrast") }
        return factors
    }

    /// `previousReactionProblem`: nil when the reviewing practitioner is entitled, otherwise why not.
    func contrastProblems(
        _ screening: ContrastScreening?, entry: CatalogueEntry, exam: Exam, patient: Patient, now: Date,
        previousReactionProblem: String?
    ) -> [FieldProblem] {
        guard let catalogueRoute = entry.contrast else { return [] }
        guard let screening else {
            return [
                FieldProblem(
                    "contrast", "\(entry.name) uses contrast: record the contrast screening",
                    code: .contrastScreeningRequired)
            ]
        }
        var problems: [FieldProblem] = []
        if patient.previousContrastReaction && !screening.previousReaction {
            problems.append(
                FieldProblem(
                    "contrast.previousReaction", "the patient's record shows a previous contrast reaction",
                    code: .contrastPreviousReaction))
        }
        if screening.previousReaction || patient.previousContrastReaction {
            if screening.previousReactionReviewedBy == nil {
                problems.append(
                    FieldProblem(
                        "contrast.previousReactionReviewedBy",
                        "a previous contrast reaction must be reviewed by a practitioner before contrast is given",
                        code: .contrastPreviousReaction))
            } else if let previousReactionProblem {
                problems.append(
                    FieldProblem(
                        "contrast.previousReactionReviewedBy", previousReactionProblem, code: .contrastPreviousReaction)
                )
            }
        }
        let route = screening.route ?? catalogueRoute
        let age = patient.age(on: CalendarDate(now, in: configuration.timeZone))
        let factors = renalRiskFactors(screening, route: route, age: age)
        let acute = exam.priority == .inpatient || exam.priority == .emergency
        let window = acute ? configuration.eGFRMaximumAgeDaysAcute : configuration.eGFRMaximumAgeDays
        if !factors.isEmpty {
            if let eGFR = screening.latestEGFR {
                let ageInDays = now.timeIntervalSince(eGFR.measuredAt) / 86_400
                if ageInDays > Double(window) || ageInDays < 0 {
                    problems.append(
                        FieldProblem(
                            "contrast.latestEGFR",
                            "renal risk factors (\(factors.joined(separator: ", "))): the eGFR is older than "
                                + "\(window) days; a recent one is needed", code: .contrastEGFRRequired))
                }
            } else {
                problems.append(
                    FieldProblem(
                        "contrast.latestEGFR",
                        "renal risk factors (\(factors.joined(separator: ", "))): an eGFR from the last \(window) "
                            + "days is needed", code: .contrastEGFRRequired))
            }
        }
        if screening.onMetformin, let eGFR = screening.latestEGFR, eGFR.value < configuration.metforminEGFRBelow,
            !screening.metforminStopped
        {
            problems.append(
                FieldProblem(
                    "contrast.metforminStopped",
                    "eGFR \(eGFR.value.clean) is below \(configuration.metforminEGFRBelow.clean): metformin must be "
                        + "stopped from the time of contrast", code: .contrastMetformin))
        }
        if (screening.agent ?? "").trimmed.isEmpty {
            problems.append(
                FieldProblem("contrast.agent", "record the contrast agent", code: .contrastScreeningRequired))
        }
        if (screening.batch ?? "").trimmed.isEmpty {
            problems.append(FieldProblem("contrast.batch", "record the batch number", code: .contrastScreeningRequired))
        }
        if (screening.volumeMillilitres ?? 0) <= 0 {
            problems.append(
                FieldProblem("contrast.volumeMillilitres", "record the volume (mL)", code: .contrastScreeningRequired))
        }
        return problems
    }
}
