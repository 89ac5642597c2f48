import Foundation

/// Where a measured value falls against a QA test's levels (IPEM Report 91: remedial and suspension levels).
public enum QAGrade: String, Sendable, Codable, CaseIterable {
    /// Within the remedial level.
    case pass
    /// Beyond the remedial level: action is needed, the room stays in use.
    case remedial
    /// Beyond the suspension level: the room is suspended until a pass is recorded.
    case suspension

    public var label: String {
        switch self {
        case .pass: "Pass"
        case .remedial: "Remedial level"
        case .suspension: "Suspension level"
        }
    }
}
