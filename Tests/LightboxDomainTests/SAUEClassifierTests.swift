import Foundation
import LightboxDomain
import Testing

/// The classifier against a table of worked cases: every criterion of DOMAIN.md (CQC's notification table, England),
/// both sides of each threshold, with the arithmetic a physicist checks by hand.
@Suite("SAUE classifier")
struct SAUEClassifierTests {
    struct Worked: Sendable, CustomTestStringConvertible {
        var name: String
        var incident: SAUEIncident
        /// The proposed category, or nil for not notifiable.
        var proposed: SAUECriterion?
        /// Every criterion weighed, in order, with whether it is met.
        var findings: [(SAUECriterion, Bool)]
        /// Text the arithmetic must contain.
        var arithmetic: [String]
        var testDescription: String { name }
    }

    static func accidental(age: Int, total: Double) -> SAUEIncident {
        SAUEIncident(kind: .accidental, patientAgeYears: age, totalEffectiveDoseMilliSievert: total)
    }

    static func unintended(age: Int = 40, intended: Double, total: Double) -> SAUEIncident {
        SAUEIncident(
            kind: .unintended, patientAgeYears: age, intendedEffectiveDoseMilliSievert: intended,
            totalEffectiveDoseMilliSievert: total)
    }

    static let cases: [Worked] = [
        // Code 1, accidental: adult 3 mSv, child 1 mSv; a child is younger than 16.
        Worked(
            name: "accidental adult at 3 mSv", incident: accidental(age: 40, total: 3), proposed: .accidentalAdult,
            findings: [(.accidentalAdult, true)], arithmetic: ["adult (age 40 ≥ 16)", "total 3 mSv ≥ 3 mSv: met"]),
        Worked(
            name: "accidental adult just under 3 mSv", incident: accidental(age: 40, total: 2.99), proposed: nil,
            findings: [(.accidentalAdult, false)], arithmetic: ["total 2.99 mSv < 3 mSv: not met"]),
        Worked(
            name: "accidental child at 1 mSv", incident: accidental(age: 8, total: 1), proposed: .accidentalChild,
            findings: [(.accidentalChild, true)], arithmetic: ["child (age 8 < 16)", "total 1 mSv ≥ 1 mSv: met"]),
        Worked(
            name: "accidental child under 1 mSv", incident: accidental(age: 8, total: 0.9), proposed: nil,
            findings: [(.accidentalChild, false)], arithmetic: ["total 0.9 mSv < 1 mSv: not met"]),
        Worked(
            name: "accidental at 15 is a child", incident: accidental(age: 15, total: 2), proposed: .accidentalChild,
            findings: [(.accidentalChild, true)], arithmetic: ["child (age 15 < 16)"]),
        Worked(
            name: "accidental at 16 is an adult", incident: accidental(age: 16, total: 2), proposed: nil,
            findings: [(.accidentalAdult, false)], arithmetic: ["adult (age 16 ≥ 16)", "total 2 mSv < 3 mSv"]),
        // Code 2.1: intended under 0.3 mSv, total 3 mSv adult, 1 mSv child.
        Worked(
            name: "2.1 adult at 3 mSv", incident: unintended(intended: 0.02, total: 3),
            proposed: .unintendedLowIntended, findings: [(.unintendedLowIntended, true)],
            arithmetic: ["Code 2.1, intended 0.02 mSv < 0.3 mSv, adult (age 40 ≥ 16): total 3 mSv ≥ 3 mSv: met"]),
        Worked(
            name: "2.1 adult under 3 mSv", incident: unintended(intended: 0.02, total: 2.5), proposed: nil,
            findings: [(.unintendedLowIntended, false)], arithmetic: ["total 2.5 mSv < 3 mSv: not met"]),
        Worked(
            name: "2.1 child at 1 mSv", incident: unintended(age: 6, intended: 0.1, total: 1),
            proposed: .unintendedLowIntended, findings: [(.unintendedLowIntended, true)],
            arithmetic: ["child (age 6 < 16): total 1 mSv ≥ 1 mSv: met"]),
        Worked(
            name: "2.1 child under 1 mSv", incident: unintended(age: 6, intended: 0.1, total: 0.99), proposed: nil,
            findings: [(.unintendedLowIntended, false)], arithmetic: ["total 0.99 mSv < 1 mSv: not met"]),
        Worked(
            name: "2.1 just under 0.3 mSv intended", incident: unintended(intended: 0.299, total: 2.9), proposed: nil,
            findings: [(.unintendedLowIntended, false)], arithmetic: ["intended 0.299 mSv < 0.3 mSv"]),
        // Code 2.2: intended 0.3 to 2.5 mSv, ten times intended.
        Worked(
            name: "2.2 at 0.3 mSv intended, ten times", incident: unintended(intended: 0.3, total: 3),
            proposed: .unintendedMiddleIntended, findings: [(.unintendedMiddleIntended, true)],
            arithmetic: ["total 3 mSv ÷ intended 0.3 mSv = 10 times ≥ 10 times: met"]),
        Worked(
            name: "2.2 under ten times", incident: unintended(intended: 1, total: 9.9), proposed: nil,
            findings: [(.unintendedMiddleIntended, false)],
            arithmetic: ["total 9.9 mSv ÷ intended 1 mSv = 9.9 times < 10 times: not met"]),
        Worked(
            name: "2.2 at 2.5 mSv intended, 25 mSv", incident: unintended(intended: 2.5, total: 25),
            proposed: .unintendedMiddleIntended, findings: [(.unintendedMiddleIntended, true)],
            arithmetic: ["intended 2.5 mSv from 0.3 to 2.5 mSv", "= 10 times ≥ 10 times: met"]),
        Worked(
            name: "2.2 at 2.5 mSv intended, under 25 mSv", incident: unintended(intended: 2.5, total: 24.9),
            proposed: nil, findings: [(.unintendedMiddleIntended, false)], arithmetic: ["9.96 times < 10 times"]),
        // Code 2.3: intended over 2.5 to 10 mSv, total 25 mSv.
        Worked(
            name: "2.3 just over 2.5 mSv intended, at 25 mSv", incident: unintended(intended: 2.6, total: 25),
            proposed: .unintendedUpperIntended, findings: [(.unintendedUpperIntended, true)],
            arithmetic: ["Code 2.3, intended 2.6 mSv over 2.5 up to 10 mSv: total 25 mSv ≥ 25 mSv: met"]),
        Worked(
            name: "2.3 under 25 mSv", incident: unintended(intended: 7, total: 24.9), proposed: nil,
            findings: [(.unintendedUpperIntended, false)], arithmetic: ["total 24.9 mSv < 25 mSv: not met"]),
        Worked(
            name: "2.3 at 10 mSv intended", incident: unintended(intended: 10, total: 25),
            proposed: .unintendedUpperIntended, findings: [(.unintendedUpperIntended, true)],
            arithmetic: ["intended 10 mSv over 2.5 up to 10 mSv"]),
        // Code 2.4: intended over 10 mSv, 2.5 times intended.
        Worked(
            name: "2.4 at 2.5 times", incident: unintended(intended: 12, total: 30),
            proposed: .unintendedHighIntended, findings: [(.unintendedHighIntended, true)],
            arithmetic: ["Code 2.4, intended 12 mSv over 10 mSv: total 30 mSv ÷ intended 12 mSv = 2.5 times ≥ 2.5"]),
        Worked(
            name: "2.4 under 2.5 times", incident: unintended(intended: 12, total: 29.9), proposed: nil,
            findings: [(.unintendedHighIntended, false)], arithmetic: ["= 2.492 times < 2.5 times: not met"]),
        // Code 3, interventional: ten times the local DRL, or tissue effects beyond transient erythema.
        Worked(
            name: "interventional at ten times the local DRL",
            incident: SAUEIncident(kind: .interventional, interventionalDose: 500, localDRL: 50, drlQuantity: "Gy·cm²"),
            proposed: .interventionalDRL,
            findings: [(.interventionalDRL, true), (.interventionalTissueEffects, false)],
            arithmetic: [
                "dose 500 Gy·cm² ÷ local DRL 50 Gy·cm² = 10 times ≥ 10 times: met",
                "no tissue effects beyond transient erythema: not met",
            ]),
        Worked(
            name: "interventional under ten times",
            incident: SAUEIncident(kind: .interventional, interventionalDose: 499, localDRL: 50, drlQuantity: "Gy·cm²"),
            proposed: nil, findings: [(.interventionalDRL, false), (.interventionalTissueEffects, false)],
            arithmetic: ["= 9.98 times < 10 times: not met"]),
        Worked(
            name: "interventional tissue effects under the DRL multiple",
            incident: SAUEIncident(
                kind: .interventional, interventionalDose: 120, localDRL: 50,
                tissueEffectsBeyondTransientErythema: true),
            proposed: .interventionalTissueEffects,
            findings: [(.interventionalDRL, false), (.interventionalTissueEffects, true)],
            arithmetic: ["= 2.4 times < 10 times", "observable tissue effects beyond transient erythema: met"]),
        Worked(
            name: "interventional tissue effects with no dose known",
            incident: SAUEIncident(kind: .interventional, tissueEffectsBeyondTransientErythema: true),
            proposed: .interventionalTissueEffects, findings: [(.interventionalTissueEffects, true)],
            arithmetic: ["tissue effects beyond transient erythema: met"]),
        // Code 5, foetal dose over 10 mGy, even when procedures were followed.
        Worked(
            name: "foetal dose over 10 mGy", incident: SAUEIncident(kind: .foetal, foetalDoseMilliGray: 10.5),
            proposed: .foetalDose, findings: [(.foetalDose, true)],
            arithmetic: ["Code 5, foetal dose 10.5 mGy > 10 mGy: met"]),
        Worked(
            name: "foetal dose at 10 mGy is not over", incident: SAUEIncident(kind: .foetal, foetalDoseMilliGray: 10),
            proposed: nil, findings: [(.foetalDose, false)], arithmetic: ["foetal dose 10 mGy is not over 10 mGy"]),
        Worked(
            name: "an accidental exposure under its threshold with a foetal dose over",
            incident: SAUEIncident(
                kind: .accidental, patientAgeYears: 30, totalEffectiveDoseMilliSievert: 2, foetalDoseMilliGray: 12),
            proposed: .foetalDose, findings: [(.accidentalAdult, false), (.foetalDose, true)],
            arithmetic: ["total 2 mSv < 3 mSv", "foetal dose 12 mGy > 10 mGy: met"]),
        Worked(
            name: "an unintended exposure meeting both its band and the foetal criterion",
            incident: SAUEIncident(
                kind: .unintended, patientAgeYears: 30, intendedEffectiveDoseMilliSievert: 8,
                totalEffectiveDoseMilliSievert: 26, foetalDoseMilliGray: 30),
            proposed: .unintendedUpperIntended, findings: [(.unintendedUpperIntended, true), (.foetalDose, true)],
            arithmetic: ["total 26 mSv ≥ 25 mSv: met", "foetal dose 30 mGy > 10 mGy: met"]),
    ]

    @Test("Worked cases", arguments: cases)
    func worked(_ worked: Worked) throws {
        let classification = try SAUEClassifier(criteria: SAUECriteria()).classify(worked.incident)
        #expect(classification.proposed == worked.proposed, "\(classification.arithmetic)")
        #expect(classification.notifiable == (worked.proposed != nil))
        #expect(classification.findings.map(\.criterion) == worked.findings.map(\.0), "\(classification.arithmetic)")
        #expect(classification.findings.map(\.met) == worked.findings.map(\.1), "\(classification.arithmetic)")
        for text in worked.arithmetic {
            #expect(classification.arithmetic.contains(text), "missing «\(text)» in \(classification.arithmetic)")
        }
    }

    @Test("Every criterion is proposed by some worked case and refused by another")
    func everyCriterionBothSides() {
        for criterion in SAUECriterion.allCases {
            let sides = Set(
                Self.cases.flatMap { worked in worked.findings.filter { $0.0 == criterion }.map(\.1) })
            #expect(sides == [true, false], "\(criterion): \(sides)")
        }
    }

    @Test("The numbers are the department's: changed criteria move every threshold")
    func numbersAreConfiguration() throws {
        var criteria = SAUECriteria()
        criteria.childAgeUnderYears = 18
        criteria.accidentalChildMilliSievert = 0.5
        criteria.middleIntendedMultiple = 5
        criteria.foetalDoseOverMilliGray = 1
        criteria.interventionalDRLMultiple = 4
        let classifier = SAUEClassifier(criteria: criteria)
        let child = try classifier.classify(Self.accidental(age: 17, total: 0.5))
        #expect(child.proposed == .accidentalChild, "\(child.arithmetic)")
        #expect(child.arithmetic.contains("child (age 17 < 18)"))
        let middle = try classifier.classify(Self.unintended(intended: 1, total: 5))
        #expect(middle.proposed == .unintendedMiddleIntended && middle.arithmetic.contains("≥ 5 times"))
        let foetal = try classifier.classify(SAUEIncident(kind: .foetal, foetalDoseMilliGray: 1.5))
        #expect(foetal.proposed == .foetalDose)
        let interventional = try classifier.classify(
            SAUEIncident(kind: .interventional, interventionalDose: 200, localDRL: 50))
        #expect(interventional.proposed == .interventionalDRL)
        // The shipped defaults refuse all four.
        let defaults = SAUEClassifier(criteria: SAUECriteria())
        #expect(try defaults.classify(Self.accidental(age: 17, total: 0.5)).proposed == nil)
        #expect(try defaults.classify(Self.unintended(intended: 1, total: 5)).proposed == nil)
        #expect(try defaults.classify(SAUEIncident(kind: .foetal, foetalDoseMilliGray: 1.5)).proposed == nil)
        #expect(
            try defaults.classify(SAUEIncident(kind: .interventional, interventionalDose: 200, localDRL: 50)).proposed
                == nil)
    }

    @Test("An incident missing what its kind needs is refused, naming each item")
    func incompleteIncidents() {
        let classifier = SAUEClassifier(criteria: SAUECriteria())
        let cases: [(SAUEIncident, [String])] = [
            (SAUEIncident(kind: .accidental), ["patientAgeYears", "totalEffectiveDoseMilliSievert"]),
            (
                SAUEIncident(kind: .unintended, patientAgeYears: 30, totalEffectiveDoseMilliSievert: 2),
                ["intendedEffectiveDoseMilliSievert"]
            ),
            (Self.unintended(intended: 2, total: 1), ["totalEffectiveDoseMilliSievert"]),
            (Self.unintended(intended: 0, total: 1), ["intendedEffectiveDoseMilliSievert"]),
            (SAUEIncident(kind: .interventional, interventionalDose: 10), ["localDRL"]),
            (SAUEIncident(kind: .interventional, interventionalDose: 10, localDRL: 0), ["localDRL"]),
            (SAUEIncident(kind: .foetal), ["foetalDoseMilliGray"]),
            (SAUEIncident(kind: .foetal, foetalDoseMilliGray: -1), ["foetalDoseMilliGray"]),
            (
                SAUEIncident(kind: .accidental, patientAgeYears: 200, totalEffectiveDoseMilliSievert: .nan),
                ["patientAgeYears", "totalEffectiveDoseMilliSievert"]
            ),
        ]
        for (incident, fields) in cases {
            #expect(classifier.problems(with: incident).map(\.field) == fields, "\(incident)")
            #expect(throws: DomainError.self) { try classifier.classify(incident) }
        }
    }

    @Test("The criteria are thresholds the MPE changes through SetThreshold")
    func criteriaAreThresholds() {
        var configuration = DepartmentConfiguration.default
        for threshold in Threshold.all where threshold.name.hasPrefix("saueCriteria.") {
            let value = threshold.value(in: configuration)
            #expect(threshold.problems(with: value).isEmpty, "\(threshold.name) default out of its bounds")
            configuration = threshold.applying(.single(threshold.bounds.upperBound), to: configuration)
        }
        #expect(Threshold.all.filter { $0.name.hasPrefix("saueCriteria.") }.count == 13)
        #expect(configuration.saueCriteria.foetalDoseOverMilliGray == 1000)
        #expect(configuration.saueCriteria.childAgeUnderYears == 21)
    }
}
