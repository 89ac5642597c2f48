import Foundation

/// How often a QA test is due (IPEM Report 91's daily to annual tests).
public enum QAFrequency: String, Sendable, Codable, CaseIterable {
    case daily, weekly, monthly, quarterly, yearly

    /// Days after a test before the next one is overdue.
    public var days: Int {
        switch self {
        case .daily: 1
        case .weekly: 7
        case .monthly: 31
        case .quarterly: 92
        case .yearly: 366
        }
    }

    /// The word shown to people.
    public var label: String { rawValue.capitalized }
}
