import Foundation

/// The targets the department's numbers are judged against (DOMAIN.md "Numbers the department is judged on").
/// DOMAIN.md leaves the ED reporting target and the reject-rate band to the department; the defaults here are
/// common local choices (ED within 24 hours; a reject rate between 5 % and 10 %, AAPM Report 151's band for
/// digital radiography), changed like every other threshold.
public struct StatisticsTargets: Sendable, Codable, Equatable {
    /// DM01: the share of patients waiting six weeks or more must stay below this (1 %).
    public var diagnosticWaitBreachPercent: Double
    /// Inpatient radiographs are reported within this many working days (Monday to Friday) of the exam (1).
    public var inpatientRadiographWorkingDays: Int
    /// Emergency department exams are reported within this many hours (a local target; 24).
    public var emergencyDepartmentHours: Double
    /// A room's or operator's reject rate below this is flagged (rejects going unrecorded; 5 %).
    public var rejectRateLowPercent: Double
    /// A reject rate above this is flagged (10 %).
    public var rejectRateHighPercent: Double
    /// The share of exams with a recorded pregnancy status where the enquiry applies (100 %).
    public var pregnancyStatusRecordedPercent: Double

    public init(
        diagnosticWaitBreachPercent: Double = 1, inpatientRadiographWorkingDays: Int = 1,
        emergencyDepartmentHours: Double = 24, rejectRateLowPercent: Double = 5, rejectRateHighPercent: Double = 10,
        pregnancyStatusRecordedPercent: Double = 100
    ) {
        self.diagnosticWaitBreachPercent = diagnosticWaitBreachPercent
        self.inpatientRadiographWorkingDays = inpatientRadiographWorkingDays
        self.emergencyDepartmentHours = emergencyDepartmentHours
        self.rejectRateLowPercent = rejectRateLowPercent
        self.rejectRateHighPercent = rejectRateHighPercent
        self.pregnancyStatusRecordedPercent = pregnancyStatusRecordedPercent
    }
}
