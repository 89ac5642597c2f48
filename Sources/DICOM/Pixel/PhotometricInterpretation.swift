/// How pixel samples are to be interpreted as colours. PS3.3 §C.7.6.3.1.2.
public enum PhotometricInterpretation: Sendable, Hashable, CustomStringConvertible {
    /// Greyscale, minimum value displayed white.
    case monochrome1
    /// Greyscale, minimum value displayed black.
    case monochrome2
    /// One sample per pixel indexing the Red, Green and Blue Palette Color Lookup Tables.
    case paletteColor
    /// Red, green and blue samples.
    case rgb
    /// Luminance and two chrominance samples at full resolution (ITU-R BT.601 full range).
    case ybrFull
    /// As `ybrFull`, chrominance horizontally subsampled by two.
    case ybrFull422
    /// YCbCr of JPEG 2000's irreversible colour transform (decoders deliver RGB).
    case ybrICT
    /// YCbCr of JPEG 2000's reversible colour transform (decoders deliver RGB).
    case ybrRCT
    /// YBR_PARTIAL_422 / YBR_PARTIAL_420 (retired or MPEG only).
    case ybrPartial(String)
    /// Any other defined term (retired ARGB, CMYK, HSV; XYB).
    case other(String)

    /// Parses the defined term of (0028,0004).
    public init(_ term: String) {
        switch term.uppercased() {
        case "MONOCHROME1": self = .monochrome1
        case "MONOCHROME2": self = .monochrome2
        case "PALETTE COLOR": self = .paletteColor
        case "RGB": self = .rgb
        case "YBR_FULL": self = .ybrFull
        case "YBR_FULL_422": self = .ybrFull422
        case "YBR_ICT": self = .ybrICT
        case "YBR_RCT": self = .ybrRCT
        case "YBR_PARTIAL_422", "YBR_PARTIAL_420": self = .ybrPartial(term.uppercased())
        default: self = .other(term.uppercased())
        }
    }

    /// The defined term.
    public var description: String {
        switch self {
        case .monochrome1: "MONOCHROME1"
        case .monochrome2: "MONOCHROME2"
        case .paletteColor: "PALETTE COLOR"
        case .rgb: "RGB"
        case .ybrFull: "YBR_FULL"
        case .ybrFull422: "YBR_FULL_422"
        case .ybrICT: "YBR_ICT"
        case .ybrRCT: "YBR_RCT"
        case .ybrPartial(let term), .other(let term): term
        }
    }

    /// MONOCHROME1 or MONOCHROME2.
    public var isMonochrome: Bool { self == .monochrome1 || self == .monochrome2 }
}
