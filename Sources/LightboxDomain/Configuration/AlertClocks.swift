import Foundation

/// How long a report's alert may stay unacknowledged before it escalates, per category, and again
/// for each further period (a local policy; DOMAIN.md "Urgent and unexpected findings" gives the
/// defaults: critical 1 hour, urgent 24 hours, significant unexpected 7 days, cancer 2 working days).
public struct AlertClocks: Sendable, Codable, Equatable {
    public var criticalHours: Double
    public var urgentHours: Double
    public var significantUnexpectedDays: Double
    /// Working days are Monday to Friday in the department's time zone.
    public var cancerWorkingDays: Int

    public init(
        criticalHours: Double = 1, urgentHours: Double = 24, significantUnexpectedDays: Double = 7,
        cancerWorkingDays: Int = 2
    ) {
        self.criticalHours = criticalHours
        self.urgentHours = urgentHours
        self.significantUnexpectedDays = significantUnexpectedDays
        self.cancerWorkingDays = cancerWorkingDays
    }
}
