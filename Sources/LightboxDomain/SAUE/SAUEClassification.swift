import Foundation

/// What the classifier proposes for an incident: every criterion it weighed with its arithmetic, and the first one met
/// as the proposed category. A proposal, never a decision: the physicist confirms or overrides it.
public struct SAUEClassification: Sendable, Codable, Equatable {
    /// Every criterion weighed, in the order of CQC's table.
    public var findings: [SAUEFinding]

    public init(findings: [SAUEFinding]) {
        self.findings = findings
    }

    /// The criteria met, in the order of CQC's table.
    public var met: [SAUECriterion] { findings.filter(\.met).map(\.criterion) }

    /// The proposed category: the first criterion met, or nil when none is (not notifiable).
    public var proposed: SAUECriterion? { met.first }

    /// Whether the incident meets any notification criterion.
    public var notifiable: Bool { proposed != nil }

    /// The arithmetic of every finding, one per line.
    public var arithmetic: String { findings.map(\.arithmetic).joined(separator: "\n") }
}
