import Foundation

/// Investigation levels for personal dosemeter readings, per wear period (IRR17 reg. 9 and its ACOP: the employer
/// sets investigation levels locally, well below the dose limits, with its radiation protection adviser). DOMAIN.md
/// gives no numbers; the shipped defaults are a twelfth of common annual local levels for monthly wear (whole body
/// 6 mSv, the level at which a worker would be classified; extremity 180 mSv; lens of the eye 18 mSv, against the
/// limits of 20, 500 and 20 mSv a year), to be replaced by the department's own.
public struct StaffDoseInvestigationLevels: Sendable, Codable, Equatable {
    /// Whole body, Hp(10), per wear period (0.5 mSv).
    public var wholeBodyMilliSievert: Double
    /// Extremity (finger, wrist), Hp(0.07), per wear period (15 mSv).
    public var extremityMilliSievert: Double
    /// Lens of the eye, Hp(3), per wear period (1.5 mSv).
    public var eyeMilliSievert: Double

    public init(wholeBodyMilliSievert: Double = 0.5, extremityMilliSievert: Double = 15, eyeMilliSievert: Double = 1.5)
    {
        self.wholeBodyMilliSievert = wholeBodyMilliSievert
        self.extremityMilliSievert = extremityMilliSievert
        self.eyeMilliSievert = eyeMilliSievert
    }

    /// The level for readings at `site`.
    public func level(for site: DosemeterSite) -> Double {
        switch site {
        case .wholeBody: wholeBodyMilliSievert
        case .extremity: extremityMilliSievert
        case .eye: eyeMilliSievert
        }
    }
}
