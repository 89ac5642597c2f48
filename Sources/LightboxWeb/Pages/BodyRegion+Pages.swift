import LightboxDomain

extension BodyRegion {
    /// The region as staff say it ("upper limb").
    var label: String {
        switch self {
        case .head: "head"
        case .neck: "neck"
        case .chest: "chest"
        case .abdomen: "abdomen"
        case .pelvis: "pelvis"
        case .spine: "spine"
        case .upperLimb: "upper limb"
        case .lowerLimb: "lower limb"
        case .breast: "breast"
        case .wholeBody: "whole body"
        }
    }
}

extension ExamScope {
    /// The scope in words ("DX upper limb"): modality, exam code, body region.
    var pageSummary: String {
        [modality?.rawValue, examCode, bodyRegion?.label].compactMap { $0 }.joined(separator: " ")
    }
}
