import LightboxDomain

extension Laterality {
    /// The side as staff say it.
    var label: String {
        switch self {
        case .left: "Left"
        case .right: "Right"
        case .bilateral: "Both sides"
        case .notApplicable: "Not applicable (no side)"
        }
    }
}
