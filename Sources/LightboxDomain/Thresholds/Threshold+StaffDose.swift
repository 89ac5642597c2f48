import Foundation

extension Threshold {
    /// Investigation levels of personal dosemeter readings, per wear period.
    static let staffDoseThresholds: [Threshold] = [
        number(
            "staffDoseInvestigationLevels.wholeBodyMilliSievert", \.staffDoseInvestigationLevels.wholeBodyMilliSievert,
            0.01...20, "Staff dose: a whole-body reading over this per wear period is investigated, mSv"),
        number(
            "staffDoseInvestigationLevels.extremityMilliSievert", \.staffDoseInvestigationLevels.extremityMilliSievert,
            0.01...500, "Staff dose: an extremity reading over this per wear period is investigated, mSv"),
        number(
            "staffDoseInvestigationLevels.eyeMilliSievert", \.staffDoseInvestigationLevels.eyeMilliSievert, 0.01...20,
            "Staff dose: an eye-lens reading over this per wear period is investigated, mSv"),
    ]
}
