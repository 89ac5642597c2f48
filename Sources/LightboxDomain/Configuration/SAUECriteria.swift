import Foundation

/// The notification criteria for a significant accidental or unintended exposure (IR(ME)R 2017 reg. 8(4); CQC's
/// "IR(ME)R incident: notification codes, categories and criteria", England), DOMAIN.md "Dose". Effective doses in
/// mSv, foetal dose in mGy; every number is a threshold the department's MPE may change.
public struct SAUECriteria: Sendable, Codable, Equatable {
    /// A patient younger than this (completed years) is a child for the accidental and low-dose criteria (16).
    public var childAgeUnderYears: Int
    /// Code 1, accidental exposure (wrong patient, wrong exam): notify at this total or more, adult (3 mSv).
    public var accidentalAdultMilliSievert: Double
    /// Code 1, accidental exposure of a child (1 mSv).
    public var accidentalChildMilliSievert: Double
    /// Code 2.1 applies to an intended dose below this (0.3 mSv).
    public var lowIntendedBelowMilliSievert: Double
    /// Code 2.1: notify at this total or more, adult (3 mSv).
    public var lowIntendedAdultTotalMilliSievert: Double
    /// Code 2.1: notify at this total or more, child (1 mSv).
    public var lowIntendedChildTotalMilliSievert: Double
    /// Code 2.2 applies to an intended dose from the low band's limit up to and including this (2.5 mSv).
    public var middleIntendedUpToMilliSievert: Double
    /// Code 2.2: notify when the total is this many times the intended dose or more (10).
    public var middleIntendedMultiple: Double
    /// Code 2.3 applies to an intended dose above the middle band up to and including this (10 mSv).
    public var upperIntendedUpToMilliSievert: Double
    /// Code 2.3: notify at this total or more (25 mSv).
    public var upperIntendedTotalMilliSievert: Double
    /// Code 2.4, intended dose above the upper band: notify at this many times the intended dose or more (2.5).
    public var highIntendedMultiple: Double
    /// Code 3, interventional: notify at this many times the local DRL or more (10).
    public var interventionalDRLMultiple: Double
    /// Code 5, foetal dose: notify when it is over this (10 mGy), even when procedures were followed.
    public var foetalDoseOverMilliGray: Double

    public init(
        childAgeUnderYears: Int = 16,
        accidentalAdultMilliSievert: Double = 3,
        accidentalChildMilliSievert: Double = 1,
        lowIntendedBelowMilliSievert: Double = 0.3,
        lowIntendedAdultTotalMilliSievert: Double = 3,
        lowIntendedChildTotalMilliSievert: Double = 1,
        middleIntendedUpToMilliSievert: Double = 2.5,
        middleIntendedMultiple: Double = 10,
        upperIntendedUpToMilliSievert: Double = 10,
        upperIntendedTotalMilliSievert: Double = 25,
        highIntendedMultiple: Double = 2.5,
        interventionalDRLMultiple: Double = 10,
        foetalDoseOverMilliGray: Double = 10
    ) {
        self.childAgeUnderYears = childAgeUnderYears
        self.accidentalAdultMilliSievert = accidentalAdultMilliSievert
        self.accidentalChildMilliSievert = accidentalChildMilliSievert
        self.lowIntendedBelowMilliSievert = lowIntendedBelowMilliSievert
        self.lowIntendedAdultTotalMilliSievert = lowIntendedAdultTotalMilliSievert
        self.lowIntendedChildTotalMilliSievert = lowIntendedChildTotalMilliSievert
        self.middleIntendedUpToMilliSievert = middleIntendedUpToMilliSievert
        self.middleIntendedMultiple = middleIntendedMultiple
        self.upperIntendedUpToMilliSievert = upperIntendedUpToMilliSievert
        self.upperIntendedTotalMilliSievert = upperIntendedTotalMilliSievert
        self.highIntendedMultiple = highIntendedMultiple
        self.interventionalDRLMultiple = interventionalDRLMultiple
        self.foetalDoseOverMilliGray = foetalDoseOverMilliGray
    }
}
