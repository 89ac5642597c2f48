import Foundation

/// IR(ME)R duties a person is entitled to perform (DOMAIN.md, "People and their duties").
public enum Duty: String, Sendable, Codable, CaseIterable {
    case refer
    /// Practitioner: justify an exposure (accept, reject, ask for more information, change the exam).
    case justify
    /// Operator authorising an exposure under a practitioner's written, versioned guideline.
    case authorise
    /// Operator: perform the exposure.
    case operate
    case checkImages
    case report
}
