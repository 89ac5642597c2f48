import Foundation

/// Whether harm could have reached the patient or did (NHS Patient Safety Incident Response Framework): a near miss
/// was caught before it reached anyone; an incident happened.
public enum IncidentKind: String, Sendable, Codable, CaseIterable {
    case incident
    case nearMiss = "near-miss"

    /// How the kind reads on a page or in the export.
    public var label: String {
        switch self {
        case .incident: "Incident"
        case .nearMiss: "Near miss"
        }
    }
}
