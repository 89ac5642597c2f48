import Foundation

/// One threshold of DOMAIN.md that a physicist or manager may change through `SetThreshold`: its name (the
/// `DepartmentConfiguration` member it sets), its shape and the sane bounds outside which a value is refused.
public struct Threshold: Sendable {
    /// The shape of a threshold's value.
    public enum Kind: String, Sendable, Codable {
        /// A whole number.
        case integer
        /// A number.
        case number
        /// An inclusive range of whole numbers (`lower` ≤ `upper`).
        case integerRange = "integer-range"
        /// An inclusive range of numbers (`lower` ≤ `upper`).
        case numberRange = "number-range"

        var isRange: Bool { self == .integerRange || self == .numberRange }
        var isWhole: Bool { self == .integer || self == .integerRange }
    }

    public let name: String
    public let kind: Kind
    /// What the threshold governs, in DOMAIN.md's words.
    public let summary: String
    /// Every value (or both ends of a range) must lie within this.
    public let bounds: ClosedRange<Double>
    let read: @Sendable (DepartmentConfiguration) -> ThresholdValue
    let write: @Sendable (inout DepartmentConfiguration, ThresholdValue) -> Void

    /// The value this threshold has in `configuration`.
    public func value(in configuration: DepartmentConfiguration) -> ThresholdValue { read(configuration) }

    /// `configuration` with this threshold set to `value` (already validated by `problems(with:)`).
    public func applying(_ value: ThresholdValue, to configuration: DepartmentConfiguration)
        -> DepartmentConfiguration
    {
        var changed = configuration
        write(&changed, value)
        return changed
    }

    /// What is wrong with `value` for this threshold: its shape, whole numbers, bounds and order.
    public func problems(with value: ThresholdValue) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let bound = "between \(bounds.lowerBound.clean) and \(bounds.upperBound.clean)"
        func check(_ field: String, _ number: Double) {
            if !number.isFinite || !bounds.contains(number) {
                problems.append(FieldProblem(field, "must be \(bound) for \(name)"))
            } else if kind.isWhole && number.rounded() != number {
                problems.append(FieldProblem(field, "must be a whole number for \(name)"))
            }
        }
        if kind.isRange {
            guard value.value == nil, let lower = value.lower, let upper = value.upper else {
                return [FieldProblem("value", "\(name) is a range: give lower and upper, not value")]
            }
            check("lower", lower)
            check("upper", upper)
            if problems.isEmpty && lower > upper {
                problems.append(FieldProblem("upper", "must not be below lower"))
            }
        } else {
            guard let number = value.value, value.lower == nil, value.upper == nil else {
                return [FieldProblem("value", "\(name) is a single number: give value, not lower and upper")]
            }
            check("value", number)
        }
        return problems
    }
}

extension Threshold {
    static func integer(
        _ name: String, _ path: WritableKeyPath<DepartmentConfiguration, Int> & Sendable, _ bounds: ClosedRange<Double>,
        _ summary: String
    ) -> Threshold {
        Threshold(
            name: name, kind: .integer, summary: summary, bounds: bounds,
            read: { .single(Double($0[keyPath: path])) },
            write: { configuration, value in configuration[keyPath: path] = Int(value.value ?? 0) })
    }

    static func number(
        _ name: String, _ path: WritableKeyPath<DepartmentConfiguration, Double> & Sendable,
        _ bounds: ClosedRange<Double>,
        _ summary: String
    ) -> Threshold {
        Threshold(
            name: name, kind: .number, summary: summary, bounds: bounds,
            read: { .single($0[keyPath: path]) },
            write: { configuration, value in configuration[keyPath: path] = value.value ?? 0 })
    }

    static func integerRange(
        _ name: String, _ path: WritableKeyPath<DepartmentConfiguration, ClosedRange<Int>> & Sendable,
        _ bounds: ClosedRange<Double>, _ summary: String
    ) -> Threshold {
        Threshold(
            name: name, kind: .integerRange, summary: summary, bounds: bounds,
            read: { .range(Double($0[keyPath: path].lowerBound), Double($0[keyPath: path].upperBound)) },
            write: { configuration, value in
                configuration[keyPath: path] = Int(value.lower ?? 0)...Int(value.upper ?? 0)
            })
    }

    static func numberRange(
        _ name: String, _ path: WritableKeyPath<DepartmentConfiguration, ClosedRange<Double>> & Sendable,
        _ bounds: ClosedRange<Double>, _ summary: String
    ) -> Threshold {
        Threshold(
            name: name, kind: .numberRange, summary: summary, bounds: bounds,
            read: { .range($0[keyPath: path].lowerBound, $0[keyPath: path].upperBound) },
            write: { configuration, value in configuration[keyPath: path] = (value.lower ?? 0)...(value.upper ?? 0) })
    }

    /// The threshold called `name`, if there is one.
    public static func named(_ name: String) -> Threshold? { all.first { $0.name == name } }

    /// Every threshold that may be changed, in DOMAIN.md's order. The session lifetime (security, not a clinical
    /// threshold), the time zone and the diagnostic reference levels stay with the start-up file.
    /// The bounds are sanity limits (a typing error such as 100 for a 10-day rule is refused), not clinical advice: the MPE's sign-off is the clinical check.
    public static let all: [Threshold] = listed + saueThresholds + staffDoseThresholds

    static let listed: [Threshold] = [
        integer(
            "minimumPatientIdentifiers", \.minimumPatientIdentifiers, 1...6,
            "Identifiers a request must carry, and Pause and Check must confirm"),
        integerRange(
            "pregnancyEnquiryAgeRange", \.pregnancyEnquiryAgeRange, 0...80,
            "Ages (completed years) for which the pregnancy enquiry is made"),
        integer(
            "tenDayRuleDays", \.tenDayRuleDays, 1...28,
            "High-dose exams go ahead within this many days of the first day of the last period"),
        integer("renalRiskAgeOver", \.renalRiskAgeOver, 18...120, "Renal risk: an age over this many years"),
        number("renalRiskEGFRBelow", \.renalRiskEGFRBelow, 1...150, "Renal risk: a known eGFR below this"),
        integer(
            "eGFRMaximumAgeDays", \.eGFRMaximumAgeDays, 1...365,
            "How old an eGFR may be when renal risk factors are present (outpatients), days"),
        integer(
            "eGFRMaximumAgeDaysAcute", \.eGFRMaximumAgeDaysAcute, 1...90,
            "How old an eGFR may be for inpatients and emergency requests, days"),
        number(
            "metforminEGFRBelow", \.metforminEGFRBelow, 1...150,
            "Metformin is stopped from the time of contrast when eGFR is below this"),
        number(
            "carerDoseConstraintMilliSievert", \.carerDoseConstraintMilliSievert, 0.1...20,
            "Dose constraint for carers and comforters, mSv"),
        integer(
            "diagnosticWaitWeeks", \.diagnosticWaitWeeks, 1...52,
            "Patients waiting this many weeks or more count against DM01"),
        integer(
            "reportingTurnaroundDays", \.reportingTurnaroundDays, 1...365, "Nothing unreported beyond this many days"),
        integerRange("serviceHours", \.serviceHours, 0...24, "Service hours (hours of the day, local time)"),
        integer(
            "defaultSlotMinutes", \.defaultSlotMinutes, 5...240,
            "Appointment length for catalogue exams that do not set their own, minutes"),
        integerRange(
            "vitalSignRanges.respiratoryRate", \.vitalSignRanges.respiratoryRate, 1...60,
            "Normal respiratory rate (NEWS2 score 0), breaths per minute"),
        integer(
            "vitalSignRanges.oxygenSaturationAtLeast", \.vitalSignRanges.oxygenSaturationAtLeast, 70...100,
            "Normal oxygen saturation (NEWS2 score 0) from this, %"),
        integerRange(
            "vitalSignRanges.systolicPressure", \.vitalSignRanges.systolicPressure, 40...300,
            "Normal systolic pressure (NEWS2 score 0), mmHg"),
        integerRange(
            "vitalSignRanges.pulse", \.vitalSignRanges.pulse, 20...250, "Normal pulse (NEWS2 score 0), per minute"),
        numberRange(
            "vitalSignRanges.temperature", \.vitalSignRanges.temperature, 30...45,
            "Normal temperature (NEWS2 score 0), °C"),
        integer("news2UrgentTotal", \.news2UrgentTotal, 1...20, "A NEWS2 total at or above this is an urgent alert"),
        integer(
            "news2UrgentSingleParameter", \.news2UrgentSingleParameter, 1...3,
            "One parameter scoring this much is an urgent alert"),
        number(
            "alertClocks.criticalHours", \.alertClocks.criticalHours, 0.25...24,
            "Hours before an unacknowledged critical report alert escalates"),
        number(
            "alertClocks.urgentHours", \.alertClocks.urgentHours, 1...168,
            "Hours before an unacknowledged urgent report alert escalates"),
        number(
            "alertClocks.significantUnexpectedDays", \.alertClocks.significantUnexpectedDays, 1...60,
            "Days before an unacknowledged significant unexpected finding escalates"),
        integer(
            "alertClocks.cancerWorkingDays", \.alertClocks.cancerWorkingDays, 1...30,
            "Working days before an unacknowledged suspected-cancer alert escalates"),
        number(
            "statisticsTargets.diagnosticWaitBreachPercent", \.statisticsTargets.diagnosticWaitBreachPercent, 0...100,
            "DM01: the share of patients waiting the wait target or more must stay below this, %"),
        integer(
            "statisticsTargets.inpatientRadiographWorkingDays", \.statisticsTargets.inpatientRadiographWorkingDays,
            1...10, "Inpatient radiographs are reported within this many working days"),
        number(
            "statisticsTargets.emergencyDepartmentHours", \.statisticsTargets.emergencyDepartmentHours, 1...336,
            "Emergency department exams are reported within this many hours (local target)"),
        number(
            "statisticsTargets.rejectRateLowPercent", \.statisticsTargets.rejectRateLowPercent, 0...100,
            "A reject rate below this is flagged (rejects going unrecorded), %"),
        number(
            "statisticsTargets.rejectRateHighPercent", \.statisticsTargets.rejectRateHighPercent, 0...100,
            "A reject rate above this is flagged, %"),
        number(
            "statisticsTargets.pregnancyStatusRecordedPercent", \.statisticsTargets.pregnancyStatusRecordedPercent,
            0...100, "Share of exams with a recorded pregnancy status where the enquiry applies (target), %"),
        number(
            "doseThresholds.referenceLevelAlertMultiple", \.doseThresholds.referenceLevelAlertMultiple, 0.5...10,
            "An exam above this multiple of its diagnostic reference level raises a dose alert"),
        number(
            "doseThresholds.sourceDisagreementPercent", \.doseThresholds.sourceDisagreementPercent, 0...100,
            "Dose sources disagreeing by more than this, per cent, are flagged"),
        integer(
            "doseThresholds.localLevelSampleSize", \.doseThresholds.localLevelSampleSize, 5...1000,
            "A proposed local DRL is the median of a room's last this many exams of a type"),
        integer(
            "doseThresholds.cumulativeWindowDays", \.doseThresholds.cumulativeWindowDays, 1...3650,
            "Cumulative dose alerts sum a patient's exams over this many days"),
        number(
            "doseThresholds.cumulativeDoseAreaProductGyCm2", \.doseThresholds.cumulativeDoseAreaProductGyCm2,
            1...10000, "Cumulative fluoroscopy dose area product that raises an alert, Gy·cm²"),
        number(
            "doseThresholds.cumulativeReferencePointDoseMilligray",
            \.doseThresholds.cumulativeReferencePointDoseMilligray, 10...100000,
            "Cumulative fluoroscopy dose at the reference point that raises an alert, mGy"),
        number(
            "doseThresholds.cumulativePeakSkinDoseMilligray", \.doseThresholds.cumulativePeakSkinDoseMilligray,
            10...100000, "Cumulative peak skin dose that raises an alert, mGy"),
        numberRange(
            "doseThresholds.plausibleDoseAreaProductGyCm2", \.doseThresholds.plausibleDoseAreaProductGyCm2,
            0...100000, "Plausible dose area product of a typed entry, Gy·cm²"),
        numberRange(
            "doseThresholds.plausibleReferencePointDoseMilligray",
            \.doseThresholds.plausibleReferencePointDoseMilligray, 0...1000000,
            "Plausible dose at the reference point of a typed entry, mGy"),
        numberRange(
            "doseThresholds.plausibleFluoroscopySeconds", \.doseThresholds.plausibleFluoroscopySeconds, 0...86400,
            "Plausible fluoroscopy time of a typed entry, s"),
        numberRange(
            "doseThresholds.plausibleKilovolts", \.doseThresholds.plausibleKilovolts, 0...200,
            "Plausible tube voltage of a typed entry, kV"),
        numberRange(
            "doseThresholds.plausibleMilliampereSeconds", \.doseThresholds.plausibleMilliampereSeconds, 0...100000,
            "Plausible tube current-time product of a typed entry, mA·s"),
        numberRange(
            "doseThresholds.plausibleCTDIVolMilligray", \.doseThresholds.plausibleCTDIVolMilligray, 0...10000,
            "Plausible CTDIvol of a typed entry, mGy"),
        numberRange(
            "doseThresholds.plausibleDLPMilligrayCm", \.doseThresholds.plausibleDLPMilligrayCm, 0...1000000,
            "Plausible DLP of a typed entry, mGy·cm"),
        numberRange(
            "doseThresholds.plausibleAverageGlandularDoseMilligray",
            \.doseThresholds.plausibleAverageGlandularDoseMilligray, 0...1000,
            "Plausible average glandular dose of a typed entry, mGy"),
        numberRange(
            "doseThresholds.plausibleAdministeredActivityMBq", \.doseThresholds.plausibleAdministeredActivityMBq,
            0...1000000, "Plausible administered activity of a typed entry, MBq"),
        integer(
            "diagnosticWaitWarningWeeks", \.diagnosticWaitWarningWeeks, 1...52,
            "The waiting list highlights a wait from this many weeks, before the DM01 target"),
        integer(
            "homeQueueRows", \.homeQueueRows, 1...100,
            "Rows each queue shows on a home page; the rest are counted and linked"),
        integer("worklistPageRows", \.worklistPageRows, 10...500, "Rows on one page of the reporting worklist"),
    ]
}
