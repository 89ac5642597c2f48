import Foundation

/// The order of a list of exams, so that a bounded list (a queue's first rows, a page of a worklist) is the
/// front of the whole queue; the store sorts by its columns, the in-memory reference with `precedes`.
public enum ExamOrder: String, Sendable, Codable, CaseIterable {
    /// The oldest request first (the default).
    case requested
    /// The most pressing priority first (the booking desk's order, `Priority.waitingListRank`), then the oldest
    /// request.
    case urgency
    /// The earliest appointment first.
    case appointment
    /// The tightest reporting target first (`ReportingTurnaround.Target`: emergency, inpatient, standard), then
    /// the earliest exam: within one target the report falls due in this order.
    case reportingTarget = "reporting-target"

    /// Whether `a` comes before `b` in this order; ties broken by id, as the store breaks them.
    public func precedes(_ a: Exam, _ b: Exam) -> Bool {
        switch self {
        case .requested:
            return (a.requestedAt, a.id.uuidString) < (b.requestedAt, b.id.uuidString)
        case .urgency:
            return (a.priority.waitingListRank, a.requestedAt, a.id.uuidString)
                < (b.priority.waitingListRank, b.requestedAt, b.id.uuidString)
        case .appointment:
            let first = a.booking?.scheduledAt ?? .distantFuture
            let second = b.booking?.scheduledAt ?? .distantFuture
            return (first, a.id.uuidString) < (second, b.id.uuidString)
        case .reportingTarget:
            let first = Self.targetRank(priority: a.priority, source: a.patientSource)
            let second = Self.targetRank(priority: b.priority, source: b.patientSource)
            let started = a.performance?.startedAt ?? a.requestedAt
            let other = b.performance?.startedAt ?? b.requestedAt
            return (first, started, a.id.uuidString) < (second, other, b.id.uuidString)
        }
    }

    /// The rank of the reporting target an exam of this priority and source falls under (0 emergency,
    /// 1 inpatient, 2 standard), as `ReportingTurnaround.target` decides it.
    public static func targetRank(priority: Priority, source: PatientSource?) -> Int {
        if source == .emergencyDepartment || priority == .emergency { return 0 }
        if source == .inpatient || priority == .inpatient { return 1 }
        return 2
    }
}
