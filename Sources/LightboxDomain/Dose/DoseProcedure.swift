import Foundation

/// The kind of irradiation a dose report describes; it decides which figures matter and which
/// reference level applies.
public enum DoseProcedure: String, Sendable, Codable, CaseIterable {
    /// Projection X-ray: radiography, fluoroscopy, interventional (PS3.16 TID 10001, 113704).
    case projection
    /// Computed tomography (TID 10011).
    case ct
    /// Mammography (TID 10001 with 111637/111631).
    case mammography
    /// Nuclear medicine: radiopharmaceutical administration (TID 10021).
    case nuclearMedicine = "nuclear-medicine"

    public var label: String {
        switch self {
        case .projection: "Projection X-ray"
        case .ct: "CT"
        case .mammography: "Mammography"
        case .nuclearMedicine: "Nuclear medicine"
        }
    }
}
