import Foundation

/// Where a personal dosemeter is worn and the operational quantity it reads (ICRU 51; IRR17 Schedule 3 dose limits).
public enum DosemeterSite: String, Sendable, Codable, CaseIterable {
    /// Trunk, under or over the apron: Hp(10).
    case wholeBody = "whole-body"
    /// Finger or wrist: Hp(0.07).
    case extremity
    /// Lens of the eye: Hp(3).
    case eye

    public var label: String {
        switch self {
        case .wholeBody: "Whole body, Hp(10)"
        case .extremity: "Extremity, Hp(0.07)"
        case .eye: "Lens of the eye, Hp(3)"
        }
    }
}
