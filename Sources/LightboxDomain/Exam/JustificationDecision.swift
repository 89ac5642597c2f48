import Foundation

/// A practitioner's decision on a request.
public enum JustificationDecision: String, Sendable, Codable, CaseIterable {
    case accept
    case reject
    /// Returned to the referrer asking for more information.
    case requestInformation
    /// Justified as a different exam (for example a lateral added, or CT instead of radiographs).
    case changeExam
}
