import Foundation

/// How identity was confirmed.
public enum IdentityMethod: String, Sendable, Codable, CaseIterable {
    /// The patient (or their parent or carer) stated the identifiers.
    case verbal
    case wristband
}
