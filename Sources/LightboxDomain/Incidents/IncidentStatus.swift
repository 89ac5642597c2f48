import Foundation

/// Where an incident stands: reported, being investigated by its owner, or closed with its outcome.
public enum IncidentStatus: String, Sendable, Codable, CaseIterable {
    case reported
    case underInvestigation = "under-investigation"
    case closed

    /// How the status reads on a page or in the export.
    public var label: String {
        switch self {
        case .reported: "Reported"
        case .underInvestigation: "Under investigation"
        case .closed: "Closed"
        }
    }
}
