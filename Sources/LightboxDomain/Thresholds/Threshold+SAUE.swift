import Foundation

extension Threshold {
    /// The notification criteria of significant accidental and unintended exposures (CQC's table, England).
    static let saueThresholds: [Threshold] = [
        integer(
            "saueCriteria.childAgeUnderYears", \.saueCriteria.childAgeUnderYears, 1...21,
            "SAUE: a patient younger than this (years) is a child"),
        number(
            "saueCriteria.accidentalAdultMilliSievert", \.saueCriteria.accidentalAdultMilliSievert, 0.01...100,
            "SAUE code 1: accidental exposure of an adult is notified at this total or more, mSv"),
        number(
            "saueCriteria.accidentalChildMilliSievert", \.saueCriteria.accidentalChildMilliSievert, 0.01...100,
            "SAUE code 1: accidental exposure of a child is notified at this total or more, mSv"),
        number(
            "saueCriteria.lowIntendedBelowMilliSievert", \.saueCriteria.lowIntendedBelowMilliSievert, 0.01...10,
            "SAUE code 2.1 applies to an intended dose below this, mSv"),
        number(
            "saueCriteria.lowIntendedAdultTotalMilliSievert", \.saueCriteria.lowIntendedAdultTotalMilliSievert,
            0.01...100, "SAUE code 2.1: notified at this total or more, adult, mSv"),
        number(
            "saueCriteria.lowIntendedChildTotalMilliSievert", \.saueCriteria.lowIntendedChildTotalMilliSievert,
            0.01...100, "SAUE code 2.1: notified at this total or more, child, mSv"),
        number(
            "saueCriteria.middleIntendedUpToMilliSievert", \.saueCriteria.middleIntendedUpToMilliSievert, 0.01...100,
            "SAUE code 2.2 applies to an intended dose up to and including this, mSv"),
        number(
            "saueCriteria.middleIntendedMultiple", \.saueCriteria.middleIntendedMultiple, 1...100,
            "SAUE code 2.2: notified at this many times the intended dose or more"),
        number(
            "saueCriteria.upperIntendedUpToMilliSievert", \.saueCriteria.upperIntendedUpToMilliSievert, 0.01...1000,
            "SAUE code 2.3 applies to an intended dose up to and including this, mSv"),
        number(
            "saueCriteria.upperIntendedTotalMilliSievert", \.saueCriteria.upperIntendedTotalMilliSievert, 0.01...1000,
            "SAUE code 2.3: notified at this total or more, mSv"),
        number(
            "saueCriteria.highIntendedMultiple", \.saueCriteria.highIntendedMultiple, 1...100,
            "SAUE code 2.4: notified at this many times the intended dose or more"),
        number(
            "saueCriteria.interventionalDRLMultiple", \.saueCriteria.interventionalDRLMultiple, 1...100,
            "SAUE code 3: interventional dose notified at this many times the local DRL or more"),
        number(
            "saueCriteria.foetalDoseOverMilliGray", \.saueCriteria.foetalDoseOverMilliGray, 0.01...1000,
            "SAUE code 5: foetal dose notified when over this, mGy"),
    ]
}
