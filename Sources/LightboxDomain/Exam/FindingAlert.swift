import Foundation

/// Alert category carried by a report with an urgent or unexpected finding (RCR "Standards for the
/// communication of radiological reports and fail-safe alert notification").
public enum FindingAlert: String, Sendable, Codable, CaseIterable {
    /// Act as soon as possible; direct contact with the referrer.
    case critical
    /// Act within 24 hours.
    case urgent
    case significantUnexpected
    case cancer
}
