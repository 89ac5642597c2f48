import Foundation

/// One month's Diagnostic Imaging Dataset: a row per exam performed in the month, and every field that breaks
/// the dataset's rules (`passes` when no row has an error).
public struct DIDExport: Sendable, Codable, Equatable {
    public var from: Date
    public var before: Date
    public var records: [DIDRecord]
    public var problems: [DIDProblem]

    public init(from: Date, before: Date, records: [DIDRecord], problems: [DIDProblem]) {
        self.from = from
        self.before = before
        self.records = records
        self.problems = problems
    }

    public var passes: Bool { !problems.contains { $0.severity == .error } }
}
