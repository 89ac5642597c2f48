import Foundation

/// Request priority.
public enum Priority: String, Sendable, Codable, CaseIterable {
    case routine, urgent, inpatient, emergency
    /// Suspected cancer pathway.
    case twoWeekWait
}
