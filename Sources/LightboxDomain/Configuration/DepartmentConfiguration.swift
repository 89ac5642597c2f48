import Foundation

/// Every threshold of DOMAIN.md, with its shipped default. A department (with its medical physics
/// expert) sets local values; rules read them from here, never from literals.
public struct DepartmentConfiguration: Sendable, Codable, Equatable {
    /// Identifiers a request must carry, and Pause and Check must confirm (3).
    public var minimumPatientIdentifiers: Int
    /// Ages (completed years, inclusive) for which the pregnancy enquiry is made (12…55; the RCR audit uses 12…50).
    public var pregnancyEnquiryAgeRange: ClosedRange<Int>
    /// High-dose exams go ahead within this many days of the first day of the last period (10):
    /// days 0…9 after it.
    public var tenDayRuleDays: Int
    /// Renal risk: an age over this many years (70).
    public var renalRiskAgeOver: Int
    /// Renal risk: a known eGFR below this (60 mL/min/1.73 m²).
    public var renalRiskEGFRBelow: Double
    /// How old an eGFR may be when renal risk factors are present, for outpatients (90 days).
    public var eGFRMaximumAgeDays: Int
    /// The same for inpatients and emergency requests, whose renal function changes faster (7 days).
    public var eGFRMaximumAgeDaysAcute: Int
    /// Metformin is stopped from the time of contrast when eGFR is below this (30).
    public var metforminEGFRBelow: Double
    /// Dose constraint for carers and comforters (5 mSv).
    public var carerDoseConstraintMilliSievert: Double
    /// Browser session lifetime (8 hours).
    public var sessionLifetimeSeconds: Int
    /// Diagnostic wait target: patients waiting this many weeks or more count against DM01 (6).
    public var diagnosticWaitWeeks: Int
    /// Nothing unreported beyond this many days (28).
    public var reportingTurnaroundDays: Int
    /// Service hours, 08:00 to 20:00 (hours of the day, local time).
    public var serviceHours: ClosedRange<Int>
    /// The department's time zone (ages, the 10-day rule and appointment days are counted in it).
    public var timeZoneIdentifier: String
    /// Diagnostic reference levels (UK national defaults until local values are set).
    public var diagnosticReferenceLevels: [DiagnosticReferenceLevel]
    /// Appointment length for catalogue exams that do not set their own (15 minutes).
    public var defaultSlotMinutes: Int
    /// Normal ranges of the vital signs (NEWS2 score-0 bands).
    public var vitalSignRanges: VitalSignRanges
    /// A NEWS2 total at or above this is an urgent alert (5).
    public var news2UrgentTotal: Int
    /// One parameter scoring this much is an urgent alert (3).
    public var news2UrgentSingleParameter: Int
    /// Clocks before an unacknowledged report alert escalates, per category.
    public var alertClocks: AlertClocks
    /// The notification criteria of significant accidental and unintended exposures (CQC, England).
    public var saueCriteria: SAUECriteria
    /// Investigation levels of personal dosemeter readings, per wear period.
    public var staffDoseInvestigationLevels: StaffDoseInvestigationLevels
    /// Lead aprons are checked for integrity this often (yearly: 365 days).
    public var leadApronCheckIntervalDays: Int
    /// Stock batches expiring within this many days are listed as expiring soon (30).
    public var stockExpiryWarningDays: Int
    /// The QA test catalogue per modality, with frequencies and remedial and suspension levels (IPEM Report 91
    /// defaults: `QATest.defaults`).
    public var qaTests: [QATest]
    /// The targets of the department's statistics (DM01, reporting turnaround, reject rates, pregnancy status).
    public var statisticsTargets: StatisticsTargets
    /// The department's codes in the monthly Diagnostic Imaging Dataset.
    public var diagnosticImagingDataset: DatasetSubmitter
    /// The dose register's alert multiples, cumulative thresholds, tolerance and plausible ranges.
    public var doseThresholds: DoseThresholds = .default
    /// The booking desk's waiting list highlights a wait from this many weeks, before it reaches
    /// `diagnosticWaitWeeks` (5).
    public var diagnosticWaitWarningWeeks: Int = 5
    /// When a task on the support workers' board is due, by priority, when the requester sets no time (issue 14).
    public var supportTaskDueTimes: SupportTaskDueTimes = SupportTaskDueTimes()
    /// Effective dose coefficients per exam type and the windows of a patient's cumulative dose.
    public var effectiveDoseCoefficients: EffectiveDoseCoefficients = EffectiveDoseCoefficients()
    /// The categories an incident is reported under (`IncidentCategory.defaults`).
    public var incidentCategories: [IncidentCategory] = IncidentCategory.defaults
    /// Entitlements and registrations expiring within this many days are marked as expiring soon on the
    /// administration pages (30).
    public var entitlementExpiryWarningDays: Int = 30
    /// The clock times of the rota's sessions (morning 08:00–13:00, afternoon 13:00–18:00, evening 18:00–22:00,
    /// night 22:00–08:00).
    public var rotaSessionTimes: RotaSessionTimes = RotaSessionTimes()

    public init(
        minimumPatientIdentifiers: Int = 3,
        pregnancyEnquiryAgeRange: ClosedRange<Int> = 12...55,
        tenDayRuleDays: Int = 10,
        renalRiskAgeOver: Int = 70,
        renalRiskEGFRBelow: Double = 60,
        eGFRMaximumAgeDays: Int = 90,
        eGFRMaximumAgeDaysAcute: Int = 7,
        metforminEGFRBelow: Double = 30,
        carerDoseConstraintMilliSievert: Double = 5,
        sessionLifetimeSeconds: Int = 8 * 3600,
        diagnosticWaitWeeks: Int = 6,
        reportingTurnaroundDays: Int = 28,
        serviceHours: ClosedRange<Int> = 8...20,
        timeZoneIdentifier: String = "Europe/London",
        diagnosticReferenceLevels: [DiagnosticReferenceLevel] = DiagnosticReferenceLevel.ukNationalDefaults,
        defaultSlotMinutes: Int = 15,
        vitalSignRanges: VitalSignRanges = .news2ScoreZero,
        news2UrgentTotal: Int = 5,
        news2UrgentSingleParameter: Int = 3,
        alertClocks: AlertClocks = AlertClocks(),
        saueCriteria: SAUECriteria = SAUECriteria(),
        staffDoseInvestigationLevels: StaffDoseInvestigationLevels = StaffDoseInvestigationLevels(),
        leadApronCheckIntervalDays: Int = 365,
        stockExpiryWarningDays: Int = 30,
        qaTests: [QATest] = QATest.defaults,
        statisticsTargets: StatisticsTargets = StatisticsTargets(),
        diagnosticImagingDataset: DatasetSubmitter = DatasetSubmitter()
    ) {
        self.saueCriteria = saueCriteria
        self.staffDoseInvestigationLevels = staffDoseInvestigationLevels
        self.leadApronCheckIntervalDays = leadApronCheckIntervalDays
        self.stockExpiryWarningDays = stockExpiryWarningDays
        self.qaTests = qaTests
        self.statisticsTargets = statisticsTargets
        self.diagnosticImagingDataset = diagnosticImagingDataset
        self.alertClocks = alertClocks
        self.vitalSignRanges = vitalSignRanges
        self.news2UrgentTotal = news2UrgentTotal
        self.news2UrgentSingleParameter = news2UrgentSingleParameter
        self.defaultSlotMinutes = defaultSlotMinutes
        self.minimumPatientIdentifiers = minimumPatientIdentifiers
        self.pregnancyEnquiryAgeRange = pregnancyEnquiryAgeRange
        self.tenDayRuleDays = tenDayRuleDays
        self.renalRiskAgeOver = renalRiskAgeOver
        self.renalRiskEGFRBelow = renalRiskEGFRBelow
        self.eGFRMaximumAgeDays = eGFRMaximumAgeDays
        self.eGFRMaximumAgeDaysAcute = eGFRMaximumAgeDaysAcute
        self.metforminEGFRBelow = metforminEGFRBelow
        self.carerDoseConstraintMilliSievert = carerDoseConstraintMilliSievert
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.diagnosticWaitWeeks = diagnosticWaitWeeks
        self.reportingTurnaroundDays = reportingTurnaroundDays
        self.serviceHours = serviceHours
        self.timeZoneIdentifier = timeZoneIdentifier
        self.diagnosticReferenceLevels = diagnosticReferenceLevels
    }

    public static let `default` = DepartmentConfiguration()

    /// The department's time zone (UTC if the identifier is unknown).
    public var timeZone: TimeZone {
        TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "UTC") ?? .current
    }
}
