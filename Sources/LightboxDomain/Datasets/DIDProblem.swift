import Foundation

/// A field of one Diagnostic Imaging Dataset row that breaks the dataset's rules.
public struct DIDProblem: Sendable, Codable, Equatable {
    public enum Severity: String, Sendable, Codable {
        /// The row would be rejected by the national collection.
        case error
        /// Accepted, but incomplete (a code the catalogue does not map yet).
        case warning
    }

    /// The exam's row; empty for a problem of the whole return (the submitter's codes).
    public var accessionNumber: String
    public var field: String
    public var problem: String
    public var severity: Severity

    public init(accessionNumber: String, field: String, problem: String, severity: Severity = .error) {
        self.accessionNumber = accessionNumber
        self.field = field
        self.problem = problem
        self.severity = severity
    }
}
