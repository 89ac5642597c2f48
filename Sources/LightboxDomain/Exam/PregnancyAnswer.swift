import Foundation

/// The answer to "Are you, or might you be, pregnant?".
public enum PregnancyAnswer: String, Sendable, Codable, CaseIterable {
    case no, yes, unsure
    /// The enquiry does not apply (stated by the referrer, for example for a male patient).
    case notApplicable
}
