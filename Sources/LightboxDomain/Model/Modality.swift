import Foundation

/// Modalities, by their DICOM codes (PS3.3 §C.7.3.1.1.1).
public enum Modality: String, Sendable, Codable, CaseIterable {
    case CR, DX, RF, CT, MG, US, NM, MR, XA

    public var usesIonisingRadiation: Bool {
        switch self {
        case .US, .MR: false
        default: true
        }
    }
}
