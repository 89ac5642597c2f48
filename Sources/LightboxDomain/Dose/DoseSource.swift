import Foundation

/// Where the dose figures of an exam came from. The register keeps every source it receives and
/// chooses between them in this order of precedence (DOMAIN.md "Dose"): the Radiation Dose SR is the
/// modality's own structured record (PS3.16 TID 10001/10011/10021/10040), MPPS carries its totals
/// (PS3.3 §C.4.16), an image header its per-image attributes (§C.8.7.8), and an operator's entry is a
/// transcription.
public enum DoseSource: String, Sendable, Codable, CaseIterable, Comparable {
    /// X-Ray, Enhanced X-Ray or Radiopharmaceutical Radiation Dose SR.
    case rdsr
    /// Modality Performed Procedure Step dose attributes (Radiation Dose module, PS3.3 §C.4.16).
    case mpps
    /// Dose attributes of image headers (X-Ray Acquisition Dose, CT Image, Mammography, DX).
    case imageHeader = "image-header"
    /// Typed on the exam screen.
    case entry

    /// 0 is preferred.
    public var rank: Int {
        switch self {
        case .rdsr: 0
        case .mpps: 1
        case .imageHeader: 2
        case .entry: 3
        }
    }

    /// Words for the pages.
    public var label: String {
        switch self {
        case .rdsr: "Radiation dose structured report"
        case .mpps: "Modality performed procedure step"
        case .imageHeader: "Image headers"
        case .entry: "Entered on the exam screen"
        }
    }

    public static func < (lhs: DoseSource, rhs: DoseSource) -> Bool { lhs.rank < rhs.rank }
}
