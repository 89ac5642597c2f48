import Foundation

/// A reaction to contrast, recorded on the exam and flagged on the patient for next time.
public struct ContrastReaction: Sendable, Codable, Equatable {
    public enum Severity: String, Sendable, Codable, CaseIterable {
        case mild, moderate, severe
    }

    public var severity: Severity
    public var description: String
    public var treatment: String?
    public var recordedBy: UUID
    public var at: Date

    public init(severity: Severity, description: String, treatment: String?, recordedBy: UUID, at: Date) {
        self.severity = severity
        self.description = description
        self.treatment = treatment
        self.recordedBy = recordedBy
        self.at = at
    }
}
