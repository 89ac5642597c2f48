import Foundation

/// Transmission-based precautions for a patient on isolation (the National Infection Prevention and Control
/// Manual for England, chapter 2): the cleaning after them depends on which.
public enum IsolationPrecaution: String, Sendable, Codable, CaseIterable {
    /// Contact precautions (e.g. C. difficile, MRSA, CPE).
    case contact
    /// Droplet precautions (e.g. influenza, COVID-19).
    case droplet
    /// Airborne precautions (e.g. tuberculosis, measles).
    case airborne
    /// Protective isolation of an immunocompromised patient (the room is cleaned before them as well).
    case protective

    public var label: String {
        switch self {
        case .contact: "Contact precautions"
        case .droplet: "Droplet precautions"
        case .airborne: "Airborne precautions"
        case .protective: "Protective isolation"
        }
    }
}
