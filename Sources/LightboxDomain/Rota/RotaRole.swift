import Foundation

/// What a member of staff does in the room they cover: operating (performing exams, so their IR(ME)R entitlement to
/// operate on the room's modality is checked), or supporting (reception, preparation, transfers, cleaning: no
/// exposures, no entitlement needed).
public enum RotaRole: String, Sendable, Codable, CaseIterable {
    case `operator`
    case support

    /// How the role reads on the rota.
    public var label: String {
        switch self {
        case .operator: "Operator"
        case .support: "Support"
        }
    }
}
