import Foundation

/// Side of the body an exam is on.
public enum Laterality: String, Sendable, Codable, CaseIterable {
    case left, right, bilateral, notApplicable
}
