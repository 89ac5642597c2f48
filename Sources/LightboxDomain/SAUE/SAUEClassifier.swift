import Foundation

/// Classifies an incident against CQC's notification criteria (IR(ME)R 2017 reg. 8(4); DOMAIN.md "Dose") with the
/// department's numbers. Pure: the same incident and criteria always give the same answer, with the arithmetic shown.
///
/// The unintended bands meet at their edges: an intended dose below 0.3 mSv is 2.1; from 0.3 up to and including
/// 2.5 mSv, 2.2; above 2.5 up to and including 10 mSv, 2.3; above 10 mSv, 2.4 (CQC: "less than", "between", "more
/// than"). With the shipped numbers the criteria agree at each edge (10 × 0.3 = 3, 10 × 2.5 = 25, 2.5 × 10 = 25).
/// A multiple is the total divided by the intended dose, as CQC defines the multiplication factor.
public struct SAUEClassifier: Sendable {
    public let criteria: SAUECriteria

    public init(criteria: SAUECriteria) {
        self.criteria = criteria
    }

    /// What is missing or wrong in `incident` for its kind; empty when it can be classified.
    public func problems(with incident: SAUEIncident) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func dose(_ field: String, _ value: Double?, required: Bool, positive: Bool = false) {
            guard let value else {
                if required { problems.append(FieldProblem(field, "is required for \(incident.kind.rawValue)")) }
                return
            }
            if !value.isFinite || value < 0 || value > 1_000_000 {
                problems.append(FieldProblem(field, "must be a dose from 0 to 1000000"))
            } else if positive && value == 0 {
                problems.append(FieldProblem(field, "must be more than 0"))
            }
        }
        let kind = incident.kind
        if kind == .accidental || kind == .unintended {
            if let age = incident.patientAgeYears {
                if !(0...130).contains(age) { problems.append(FieldProblem("patientAgeYears", "must be 0 to 130")) }
            } else {
                problems.append(FieldProblem("patientAgeYears", "is required for \(kind.rawValue) (adult or child)"))
            }
        }
        dose(
            "totalEffectiveDoseMilliSievert", incident.totalEffectiveDoseMilliSievert,
            required: kind == .accidental || kind == .unintended)
        dose(
            "intendedEffectiveDoseMilliSievert", incident.intendedEffectiveDoseMilliSievert,
            required: kind == .unintended, positive: kind == .unintended)
        if kind == .unintended, let intended = incident.intendedEffectiveDoseMilliSievert,
            let total = incident.totalEffectiveDoseMilliSievert, intended.isFinite, total.isFinite, total < intended
        {
            problems.append(
                FieldProblem(
                    "totalEffectiveDoseMilliSievert", "must include the intended dose (at least \(intended.dose))"))
        }
        if kind == .interventional {
            let needsDose = !incident.tissueEffectsBeyondTransientErythema
            dose("interventionalDose", incident.interventionalDose, required: needsDose)
            dose(
                "localDRL", incident.localDRL, required: needsDose || incident.interventionalDose != nil, positive: true
            )
        }
        dose("foetalDoseMilliGray", incident.foetalDoseMilliGray, required: kind == .foetal)
        return problems
    }

    /// The findings for `incident`, or the problems that stop it being classified.
    public func classify(_ incident: SAUEIncident) throws(DomainError) -> SAUEClassification {
        let problems = problems(with: incident)
        guard problems.isEmpty else {
            throw DomainError.problems(
                problems, fallback: .validationFailed, message: "The incident cannot be classified as it stands.")
        }
        var findings: [SAUEFinding] = []
        switch incident.kind {
        case .accidental: findings.append(accidental(incident))
        case .unintended: findings.append(unintended(incident))
        case .interventional: findings += interventional(incident)
        case .foetal: break
        }
        if let foetal = incident.foetalDoseMilliGray { findings.append(foetalDose(foetal)) }
        return SAUEClassification(findings: findings)
    }

    private func isChild(_ incident: SAUEIncident) -> (child: Bool, text: String) {
        let age = incident.patientAgeYears ?? 0
        let child = age < criteria.childAgeUnderYears
        return child
            ? (true, "child (age \(age) < \(criteria.childAgeUnderYears))")
            : (false, "adult (age \(age) ≥ \(criteria.childAgeUnderYears))")
    }

    private func accidental(_ incident: SAUEIncident) -> SAUEFinding {
        let total = incident.totalEffectiveDoseMilliSievert ?? 0
        let (child, who) = isChild(incident)
        let threshold = child ? criteria.accidentalChildMilliSievert : criteria.accidentalAdultMilliSievert
        let met = total.atLeast(threshold)
        return SAUEFinding(
            criterion: child ? .accidentalChild : .accidentalAdult, met: met,
            arithmetic: "Code 1, accidental exposure of a \(who): total \(total.dose) mSv "
                + "\(met ? "≥" : "<") \(threshold.dose) mSv: \(met ? "met" : "not met")")
    }

    private func unintended(_ incident: SAUEIncident) -> SAUEFinding {
        let intended = incident.intendedEffectiveDoseMilliSievert ?? 0
        let total = incident.totalEffectiveDoseMilliSievert ?? 0
        let ratio = total / intended
        let c = criteria
        if intended < c.lowIntendedBelowMilliSievert {
            let (child, who) = isChild(incident)
            let threshold = child ? c.lowIntendedChildTotalMilliSievert : c.lowIntendedAdultTotalMilliSievert
            let met = total.atLeast(threshold)
            return SAUEFinding(
                criterion: .unintendedLowIntended, met: met,
                arithmetic: "Code 2.1, intended \(intended.dose) mSv < \(c.lowIntendedBelowMilliSievert.dose) mSv, "
                    + "\(who): total \(total.dose) mSv \(met ? "≥" : "<") \(threshold.dose) mSv: "
                    + (met ? "met" : "not met"))
        }
        if intended <= c.middleIntendedUpToMilliSievert {
            let met = ratio.atLeast(c.middleIntendedMultiple)
            return SAUEFinding(
                criterion: .unintendedMiddleIntended, met: met,
                arithmetic: "Code 2.2, intended \(intended.dose) mSv from \(c.lowIntendedBelowMilliSievert.dose) "
                    + "to \(c.middleIntendedUpToMilliSievert.dose) mSv: total \(total.dose) mSv ÷ intended "
                    + "\(intended.dose) mSv = \(ratio.dose) times \(met ? "≥" : "<") \(c.middleIntendedMultiple.dose) "
                    + "times: \(met ? "met" : "not met")")
        }
        if intended <= c.upperIntendedUpToMilliSievert {
            let met = total.atLeast(c.upperIntendedTotalMilliSievert)
            return SAUEFinding(
                criterion: .unintendedUpperIntended, met: met,
                arithmetic: "Code 2.3, intended \(intended.dose) mSv over \(c.middleIntendedUpToMilliSievert.dose) "
                    + "up to \(c.upperIntendedUpToMilliSievert.dose) mSv: total \(total.dose) mSv "
                    + "\(met ? "≥" : "<") \(c.upperIntendedTotalMilliSievert.dose) mSv: \(met ? "met" : "not met")")
        }
        let met = ratio.atLeast(c.highIntendedMultiple)
        return SAUEFinding(
            criterion: .unintendedHighIntended, met: met,
            arithmetic: "Code 2.4, intended \(intended.dose) mSv over \(c.upperIntendedUpToMilliSievert.dose) mSv: "
                + "total \(total.dose) mSv ÷ intended \(intended.dose) mSv = \(ratio.dose) times "
                + "\(met ? "≥" : "<") \(c.highIntendedMultiple.dose) times: \(met ? "met" : "not met")")
    }

    private func interventional(_ incident: SAUEIncident) -> [SAUEFinding] {
        var findings: [SAUEFinding] = []
        if let dose = incident.interventionalDose, let drl = incident.localDRL {
            let quantity = incident.drlQuantity?.trimmed.nilIfEmpty.map { " \($0)" } ?? ""
            let ratio = dose / drl
            let multiple = criteria.interventionalDRLMultiple
            let met = ratio.atLeast(multiple)
            findings.append(
                SAUEFinding(
                    criterion: .interventionalDRL, met: met,
                    arithmetic: "Code 3, interventional: dose \(dose.dose)\(quantity) ÷ local DRL \(drl.dose)"
                        + "\(quantity) = \(ratio.dose) times \(met ? "≥" : "<") \(multiple.dose) times: "
                        + (met ? "met" : "not met")))
        }
        let effects = incident.tissueEffectsBeyondTransientErythema
        findings.append(
            SAUEFinding(
                criterion: .interventionalTissueEffects, met: effects,
                arithmetic: effects
                    ? "Code 3, interventional: observable tissue effects beyond transient erythema: met"
                    : "Code 3, interventional: no tissue effects beyond transient erythema: not met"))
        return findings
    }

    private func foetalDose(_ dose: Double) -> SAUEFinding {
        let threshold = criteria.foetalDoseOverMilliGray
        let met = dose > threshold && !dose.atLeast(threshold, exactly: true)
        return SAUEFinding(
            criterion: .foetalDose, met: met,
            arithmetic: "Code 5, foetal dose \(dose.dose) mGy \(met ? ">" : "is not over") \(threshold.dose) mGy: "
                + (met ? "met" : "not met"))
    }
}
