import Foundation

/// Administrative sex as recorded by the patient administration system.
public enum AdministrativeSex: String, Sendable, Codable, CaseIterable {
    case female, male, other, unknown
}
