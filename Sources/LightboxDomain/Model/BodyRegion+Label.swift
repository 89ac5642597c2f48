import Foundation

extension BodyRegion {
    /// The region in words, for pages and exports.
    public var label: String {
        switch self {
        case .head: "Head"
        case .neck: "Neck"
        case .chest: "Chest"
        case .abdomen: "Abdomen"
        case .pelvis: "Pelvis"
        case .spine: "Spine"
        case .upperLimb: "Upper limb"
        case .lowerLimb: "Lower limb"
        case .breast: "Breast"
        case .wholeBody: "Whole body"
        }
    }
}
